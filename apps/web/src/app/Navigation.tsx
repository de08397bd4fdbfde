// The header's navigation: only the screens this role may use (the server still checks every request).
import { NavLink } from "react-router";
import { can, type Capability } from "@intake/domain";
import { useUser } from "../features/auth/session.tsx";

interface NavItem {
  to: string;
  label: string;
  needs?: Capability;
}

const ITEMS: NavItem[] = [
  { to: "/", label: "Home" },
  { to: "/leads", label: "Leads", needs: "lead.read" },
];

export function Navigation() {
  const user = useUser();
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {ITEMS.filter((item) => !item.needs || can(user.role, item.needs)).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === "/"}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
