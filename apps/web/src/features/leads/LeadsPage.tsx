// The Leads screen: every lead, searchable and sortable.
import { LeadsTable } from "./LeadsTable.tsx";

export function LeadsPage() {
  return (
    <>
      <title>Leads · Iris Intake</title>
      <h1>Leads</h1>
      <section className="panel" aria-label="All leads">
        <LeadsTable />
      </section>
    </>
  );
}
