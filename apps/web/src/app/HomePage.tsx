// Home: what this role works on — for a coordinator, Log a call, recent calls and the leads table.
import { ROLE_LABELS, can } from "@intake/domain";
import { useUser } from "../features/auth/session.tsx";
import { CallLogPanel } from "../features/calls/CallLogPanel.tsx";
import { RecentCalls } from "../features/calls/RecentCalls.tsx";
import { InboxSummary } from "../features/handoffs/InboxSummary.tsx";
import { LeadsTable } from "../features/leads/LeadsTable.tsx";
import { WorkQueue } from "../features/tasks/WorkQueue.tsx";

export function HomePage() {
  const user = useUser();
  const logsCalls = can(user.role, "call.log");
  const readsCalls = can(user.role, "call.read");
  const readsLeads = can(user.role, "lead.read");

  return (
    <>
      <title>Home · Iris Intake</title>
      <h1>{logsCalls ? "Intake desk" : "Home"}</h1>
      {can(user.role, "workQueue.read") ? <WorkQueue /> : null}
      {can(user.role, "handoff.acknowledge") ? <InboxSummary /> : null}
      {!readsCalls && !readsLeads ? (
        <section className="panel">
          <p>
            You are signed in as {ROLE_LABELS[user.role].toLowerCase()}. Your screens are in the navigation above; calls and leads are open to intake
            coordinators and managers.
          </p>
        </section>
      ) : null}
      {logsCalls || readsCalls ? (
        <div className={logsCalls ? "home-grid" : undefined}>
          {logsCalls ? <CallLogPanel /> : null}
          {readsCalls ? (
            <section className="panel" aria-labelledby="recent-calls-heading">
              <h2 id="recent-calls-heading">Recent calls</h2>
              <RecentCalls />
            </section>
          ) : null}
        </div>
      ) : null}
      {readsLeads ? (
        <section className="panel" aria-labelledby="home-leads-heading">
          <h2 id="home-leads-heading">Leads</h2>
          <LeadsTable />
        </section>
      ) : null}
    </>
  );
}
