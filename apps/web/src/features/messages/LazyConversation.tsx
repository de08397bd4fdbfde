// The conversation by text, loaded on demand: its code is fetched when a lead page first shows it,
// never as part of a home screen's or a lead page's first load.
import { lazy, Suspense } from "react";

const LeadConversation = lazy(() => import("./LeadConversation.tsx").then((m) => ({ default: m.LeadConversation })));

export function LazyConversation({ leadId }: { leadId: number }) {
  return (
    <Suspense fallback={<p role="status">Loading texts…</p>}>
      <LeadConversation leadId={leadId} />
    </Suspense>
  );
}
