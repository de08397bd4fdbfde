// The one error notice: a form's own error (not a field's, see FieldError) or a read that failed.
// Announced at once (role="alert"); nothing is drawn while there is nothing to say.
import type { ReactNode } from "react";

export function ErrorNotice({ children, className }: { children: ReactNode; className?: string }) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return (
    <p className={className ? `notice notice-error ${className}` : "notice notice-error"} role="alert">
      {children}
    </p>
  );
}
