// The header's navigation: only the screens this role may use (the server still checks every request),
// with the inbox's unread count for those who acknowledge handoffs.
import { NavLink } from "react-router";
import { can, type Capability } from "@intake/domain";
import { useUser } from "../features/auth/session.tsx";
import { useInbox } from "../features/handoffs/inbox.ts";

interface NavItem {
  to: string;
  label: string;
  needs?: Capability;
}

const ITEMS: NavItem[] = [
  { to: "/", label: "Home" },
  { to: "/leads", label: "Leads", needs: "lead.read" },
  { to: "/inbox", label: "Inbox", needs: "handoff.inbox" },
  { to: "/scheduling", label: "Scheduling", needs: "scheduling.queue" },
  { to: "/appointments", label: "Appointments", needs: "appointment.read" },
  { to: "/referrers", label: "Referrers", needs: "referrer.read" },
  { to: "/funnel", label: "Funnel", needs: "funnel.read" },
  { to: "/audit", label: "Audit", needs: "audit.read" },
  { to: "/admin/lines", label: "Lines", needs: "line.admin" },
  { to: "/admin/answers", label: "Clinic answers", needs: "faq.history" },
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
              {item.to === "/inbox" && can(user.role, "handoff.acknowledge") ? (
                <>
                  {" "}
                  <UnreadBadge />
                </>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UnreadBadge() {
  const inbox = useInbox();
  const count = inbox.data?.unreadCount ?? 0;
  if (count === 0) return null;
  const urgent = inbox.data?.unread.some((h) => h.urgent) ?? false;
  return (
    <span className={urgent ? "nav-badge nav-badge-urgent" : "nav-badge"}>
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
