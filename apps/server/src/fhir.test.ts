// A lead's FHIR bundle over real HTTP: GET /fhir/Bundle/<leadId> with the session cookie, and
// "Send to EHR" to a stand-in EHR given as FHIR_BASE_URL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { startStandInEhr, type StandInEhr } from "@intake/api/testing/ehr";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { assertValidTransactionBundle, resourcesOf } from "@intake/domain/fhir/testing";
import type { Bundle } from "@medplum/fhirtypes";
import { sessionCookie } from "./testing/http.ts";
import { buildApp } from "./app.ts";
import { readEnv } from "./env.ts";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let ehr: StandInEhr;
let scheduledLead: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-fhir-"));
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 100 });
  ehr = await startStandInEhr();
  const fhirBaseUrl = ehr.url;
  app = await buildApp({ db, fhirBaseUrl });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  // A demo lead handed to scheduling, screened, with a consult booked.
  const row = db.$client
    .prepare(
      `select id from lead l where exists (select 1 from handoff h where h.lead_id = l.id and h.target = 'scheduling')
         and exists (select 1 from appointment a where a.lead_id = l.id)
         and exists (select 1 from screening s where s.lead_id = l.id and s.status = 'complete') limit 1`,
    )
    .get() as { id: number } | undefined;
  if (!row) throw new Error("the demo data has no lead with a consult booked");
  scheduledLead = row.id;
}, 60_000);
afterAll(async () => {
  await app.close();
  await ehr.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (email: string) => sessionCookie(base, email);

const getBundle = (leadId: number | string, cookie?: string) => fetch(`${base}/fhir/Bundle/${leadId}`, { headers: cookie ? { cookie } : {} });
const withoutTimestamp = ({ timestamp: _, ...rest }: Bundle) => rest;

describe("GET /fhir/Bundle/<leadId>", () => {
  it("returns the lead's transaction bundle as application/fhir+json, not to be cached, the same as fhir.bundle", { timeout: 30_000 }, async () => {
    const cookie = await signIn("scheduler@iris.test");
    const res = await getBundle(scheduledLead, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bundle = (await res.json()) as Bundle;
    assertValidTransactionBundle(bundle);
    expect(resourcesOf(bundle, "Patient")[0]?.identifier?.[0]?.value).toBe(String(scheduledLead));
    expect(resourcesOf(bundle, "Appointment").length).toBeGreaterThan(0);
    // A scheduler's bundle: no answers.
    expect(resourcesOf(bundle, "QuestionnaireResponse")).toEqual([]);

    const input = encodeURIComponent(JSON.stringify({ json: { leadId: scheduledLead } }));
    const viaTrpc = await fetch(`${base}/trpc/fhir.bundle?input=${input}`, { headers: { cookie } });
    const trpcBundle = ((await viaTrpc.json()) as { result: { data: { json: Bundle } } }).result.data.json;
    expect(withoutTimestamp(bundle)).toEqual(withoutTimestamp(trpcBundle));
  });

  it("holds the screening for a manager", async () => {
    const cookie = await signIn("manager@iris.test");
    const bundle = (await (await getBundle(scheduledLead, cookie)).json()) as Bundle;
    assertValidTransactionBundle(bundle);
    expect(resourcesOf(bundle, "QuestionnaireResponse")).toHaveLength(1);
    expect(resourcesOf(bundle, "Questionnaire")).toHaveLength(1);
  });

  it("answers without a session, to the wrong role, for an unknown lead or a malformed id with an OperationOutcome", async () => {
    const coordinator = await signIn("coordinator@iris.test");
    const manager = await signIn("manager@iris.test");
    const cases: [number | string, string | undefined, number, string][] = [
      [scheduledLead, undefined, 401, "login"],
      [scheduledLead, coordinator, 403, "forbidden"],
      [987654, manager, 404, "not-found"],
      ["not-a-number", manager, 400, "invalid"],
    ];
    for (const [leadId, cookie, status, code] of cases) {
      const res = await getBundle(leadId, cookie);
      expect(res.status, `${leadId} ${status}`).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
      expect(await res.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code }] });
    }
  });

  it("audits each download, allowed or refused", async () => {
    const count = () =>
      db.$client.prepare("select count(*) from audit_entry where action = 'fhir.bundle' and record_id = ?").pluck().get(String(scheduledLead)) as number;
    const before = count();
    await getBundle(scheduledLead, await signIn("manager@iris.test"));
    await getBundle(scheduledLead, await signIn("coordinator@iris.test"));
    expect(count()).toBe(before + 2);
  });
});

describe("Send to EHR over HTTP", () => {
  it("posts the bundle to FHIR_BASE_URL and answers with what the EHR said", async () => {
    const cookie = await signIn("scheduler@iris.test");
    ehr.received.length = 0;
    const res = await fetch(`${base}/trpc/fhir.send`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-intake-csrf": "1", cookie },
      body: JSON.stringify({ json: { leadId: scheduledLead } }),
    });
    expect(res.status).toBe(200);
    const sent = ((await res.json()) as { result: { data: { json: { ok: boolean; httpStatus: number; location: string } } } }).result.data.json;
    expect(sent).toMatchObject({ ok: true, httpStatus: 200, location: "Patient/ehr-0/_history/1" });
    expect(ehr.received).toHaveLength(1);
    expect(ehr.received[0]?.contentType).toBe("application/fhir+json");
  });
});

describe("FHIR_BASE_URL", () => {
  it("is optional, and must be an http(s) URL when set", () => {
    expect(readEnv({}).FHIR_BASE_URL).toBeUndefined();
    expect(readEnv({ FHIR_BASE_URL: "https://ehr.clinic.org/fhir/R4" }).FHIR_BASE_URL).toBe("https://ehr.clinic.org/fhir/R4");
    expect(() => readEnv({ FHIR_BASE_URL: "ehr.clinic.org" })).toThrow(/FHIR_BASE_URL must be an http\(s\) URL/);
  });
});
