// /referrers: the clinic's referring providers; the desk and scheduling add and change them, managers read.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { can, formatNational } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import { SearchBox } from "../../ui/SearchBox.tsx";
import { useUser } from "../auth/session.tsx";
import { ReferrerForm, type ReferrerView } from "./ReferrerForm.tsx";

export function ReferrersPage() {
  const trpc = useTRPC();
  const user = useUser();
  const mayWrite = can(user.role, "referrer.write");
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<ReferrerView | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = useQuery(trpc.referrer.list.queryOptions({ page: 1, perPage: 200, ...(search.trim() ? { search: search.trim() } : {}) }));

  return (
    <>
      <title>Referring providers · Iris Intake</title>
      <h1>Referring providers</h1>
      <p role="status" className={saved ? "notice notice-success" : "status-empty"}>
        {saved}
      </p>
      {mayWrite && editing === null ? (
        <button type="button" className="button" onClick={() => setEditing("new")}>
          Add a provider
        </button>
      ) : null}
      {editing !== null ? (
        <section className="panel" aria-label={editing === "new" ? "Add a provider" : "Change a provider"}>
          <ReferrerForm
            referrer={editing === "new" ? null : editing}
            onDone={(r) => {
              setEditing(null);
              setSaved(r ? `Saved ${r.name}.` : null);
            }}
          />
        </section>
      ) : null}
      <SearchBox label="Find a provider" hint="Part of a name or practice, or a whole NPI" value={search} onSearch={setSearch} />
      {list.isPending ? <p role="status">Loading providers…</p> : null}
      {list.data ? (
        <div className="data-table">
          <table>
            <caption className="visually-hidden">Referring providers, by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Practice</th>
                <th scope="col">NPI</th>
                <th scope="col">Phone</th>
                <th scope="col">Fax</th>
                {mayWrite ? (
                  <th scope="col">
                    <span className="visually-hidden">Change</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{r.practice ?? "—"}</td>
                  <td>{r.npi ?? "—"}</td>
                  <td>{r.phone ? formatNational(r.phone) : "—"}</td>
                  <td>{r.fax ? formatNational(r.fax) : "—"}</td>
                  {mayWrite ? (
                    <td>
                      <button type="button" className="button button-secondary button-small" onClick={() => setEditing(r)}>
                        Change<span className="visually-hidden"> {r.name}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data && list.data.total === 0 ? <p>No providers yet.</p> : null}
    </>
  );
}
