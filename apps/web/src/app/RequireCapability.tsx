// A screen only some roles may use; the others are told so (the server refuses them regardless).
import type { ReactNode } from "react";
import { can, type Capability } from "@intake/domain";
import { useUser } from "../features/auth/session.tsx";

export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const user = useUser();
  if (can(user.role, capability)) return children;
  return (
    <>
      <title>Not available · Iris Intake</title>
      <h1>Not available for your role</h1>
      <p>This screen is not part of your work. Use the navigation above to go where you need.</p>
    </>
  );
}
