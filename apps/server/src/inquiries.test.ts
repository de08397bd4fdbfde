// POST /api/inquiries over real HTTP against the real server process: the website's form as a
// stranger's browser (or a bot) meets it.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INQUIRY_REFERENCE } from "@intake/domain";
import { readEnv } from "./env.ts";
import { startServerProcess, type ServerProcess } from "./testing/serverProcess.ts";

const CLINIC_SITE = "https://www.clinic.example";
const FOREIGN_SITE = "https://spam.example";

let server: ServerProcess;
beforeAll(async () => {
  // Behind one proxy, so each test can speak from its own address (X-Forwarded-For) and the limits per address stay apart.
  server = await startServerProcess({ TRUST_PROXY: "true", INQUIRY_ORIGINS: `${CLINIC_SITE}, https://clinic.example` });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

let nextAddress = 1;
/** A fresh client address for each caller of the form. */
const newAddress = () => `203.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
let nextPhone = 1000;
const newPhone = () => `(818) 555-${String(nextPhone++).padStart(4, "0")}`;

function post(body: unknown, opts: { address?: string; origin?: string; form?: boolean; raw?: string; type?: string } = {}) {
  const headers: Record<string, string> = {
    "content-type": opts.type ?? (opts.form ? "application/x-www-form-urlencoded" : "application/json"),
    "x-forwarded-for": opts.address ?? newAddress(),
  };
  if (opts.origin) headers.origin = opts.origin;
  const payload = opts.raw ?? (opts.form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body));
  return fetch(`${server.base}/api/inquiries`, { method: "POST", headers, body: payload });
}

function read<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const countOf = (table: string) => read<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n;

interface LeadRow {
  id: number;
  status: string;
  channel: string;
  source: string | null;
  first_source: string | null;
  first_medium: string | null;
  first_campaign: string | null;
  last_campaign: string | null;
  last_source: string | null;
  first_landing_page: string | null;
}
const leadOfTouch = (reference: string) => read<LeadRow>("select l.* from lead l join lead_touch t on t.lead_id = l.id where t.reference = ?", reference)[0];

// Each test sends a few requests to a real server process on a shared machine: room for a slow first answer.
describe("POST /api/inquiries", { timeout: 60_000 }, () => {
  it("a valid inquiry is answered 202 with a reference, starts a web lead waiting for first contact, and is audited as the website", async () => {
    const address = newAddress();
    const res = await post(
      {
        name: "Marisol Ortega",
        phone: newPhone(),
        email: "marisol@example.com",
        message: "My back has hurt for two years.",
        preferredContact: "text",
        language: "es",
        textConsent: true,
        utm_source: "facebook",
        utm_medium: "paid_social",
        utm_campaign: "spring-pain",
        landingPage: "https://www.clinic.example/tms?utm_source=facebook",
        website: "",
      },
      { address },
    );
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };
    expect(reference).toMatch(INQUIRY_REFERENCE);
    const lead = leadOfTouch(reference)!;
    expect(lead).toMatchObject({
      status: "new",
      channel: "web",
      source: "facebook",
      first_source: "facebook",
      first_medium: "paid_social",
      first_campaign: "spring-pain",
    });
    expect(read<{ language: string }>("select language from lead where id = ?", lead.id)[0]!.language).toBe("es");
    const touch = read<{ message: string; preferred_contact: string; text_consent: number }>(
      "select message, preferred_contact, text_consent from lead_touch where reference = ?",
      reference,
    )[0]!;
    // What the person wrote is stored encrypted.
    expect(touch.message).not.toContain("back");
    expect(touch).toMatchObject({ preferred_contact: "text", text_consent: 1 });
    const audit = read<{ actor_id: number | null; actor_role: string; record_type: string; record_id: string; ip: string }>(
      "select actor_id, actor_role, record_type, record_id, ip from audit_entry where action = 'inquiry.receive' and record_id = ?",
      String(lead.id),
    );
    expect(audit).toEqual([{ actor_id: null, actor_role: "website", record_type: "lead", record_id: String(lead.id), ip: address }]);
  });

  it("takes a form-encoded body (as an HTML form posts it), with a ticked box as 'on'", async () => {
    const res = await post(
      {
        name: "Dale Brooks",
        phone: newPhone(),
        textConsent: "on",
        utm_source: "google",
        utm_medium: "cpc",
        utm_campaign: "brand",
        gclid: "abc123",
        website: "",
      },
      { form: true },
    );
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };
    expect(leadOfTouch(reference)).toMatchObject({ channel: "web", first_source: "google", first_medium: "cpc", first_campaign: "brand" });
  });

  it("bad input is answered 400 with an error per field, and the messages never repeat what was sent", async () => {
    const before = countOf("lead_touch");
    const res = await post({
      name: "Zyx\u0000Qwv",
      phone: "555-NOT-A-NUMBER-7781",
      email: "not-an-email-qq77",
      preferredContact: "pigeon-zz9",
      language: "klingon",
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    const body = JSON.parse(text) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["email", "language", "name", "phone", "preferredContact"]);
    for (const sent of ["Zyx", "Qwv", "NOT-A-NUMBER", "7781", "not-an-email", "qq77", "pigeon", "zz9", "klingon"]) expect(text).not.toContain(sent);
    // A body that is not JSON at all: refused in our words, not the parser's (which quotes the input).
    const broken = await post(null, { raw: '{"name": "Secret Person", "phone": oops' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/Secret|oops/);
    expect((await post(null, { raw: "[1,2,3]" })).status).toBe(400);
    expect(countOf("lead_touch")).toBe(before);
  });

  it("a filled honeypot is answered 202 with a reference like any other, and nothing is stored", async () => {
    const leads = countOf("lead");
    const touches = countOf("lead_touch");
    const audits = countOf("audit_entry");
    const res = await post({ name: "Buy Pills", phone: newPhone(), website: "https://pills.example" });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { reference: string }).reference).toMatch(INQUIRY_REFERENCE);
    expect([countOf("lead"), countOf("lead_touch"), countOf("audit_entry")]).toEqual([leads, touches, audits]);
  });

  it("the same phone twice is one lead with two touches; the answers look the same; the first touch stays, the last moves", async () => {
    const phone = newPhone();
    const first = await post({ name: "Ana Ruiz", phone, utm_source: "newsletter", utm_campaign: "november" });
    const second = await post({ name: "Ana R.", phone: phone.replace(/\D/g, ""), utm_source: "google", utm_medium: "cpc", utm_campaign: "december" });
    expect([first.status, second.status]).toEqual([202, 202]);
    const a = (await first.json()) as Record<string, unknown>;
    const b = (await second.json()) as Record<string, unknown>;
    // Nothing in the answer says the number was known already.
    expect(Object.keys(b)).toEqual(Object.keys(a));
    const leadA = leadOfTouch(a.reference as string)!;
    const leadB = leadOfTouch(b.reference as string)!;
    expect(leadB.id).toBe(leadA.id);
    expect(read<{ n: number }>("select count(*) as n from lead_touch where lead_id = ?", leadA.id)[0]!.n).toBe(2);
    expect(leadB).toMatchObject({ first_source: "newsletter", first_campaign: "november", last_source: "google", last_campaign: "december" });
    expect(read<{ name: string }>("select name from lead where id = ?", leadA.id)[0]!.name).toBe("Ana Ruiz");
  });

  it("limits one phone number to 3 inquiries an hour, whatever the address: the 4th is 429 with Retry-After", async () => {
    const phone = newPhone();
    for (let i = 0; i < 3; i++) expect((await post({ name: "Repeat Caller", phone })).status).toBe(202);
    const refused = await post({ name: "Repeat Caller", phone });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(3600);
    // Another number from the same kind of stranger still gets through.
    expect((await post({ name: "Someone Else", phone: newPhone() })).status).toBe(202);
  });

  it("limits one address to 10 inquiries in 10 minutes: the 11th is 429 with Retry-After, and stores nothing", async () => {
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect((await post({ name: `Office Worker ${i}`, phone: newPhone() }, { address })).status).toBe(202);
    const touches = countOf("lead_touch");
    const refused = await post({ name: "Office Worker", phone: newPhone() }, { address });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);
    expect(countOf("lead_touch")).toBe(touches);
    expect((await post({ name: "Elsewhere", phone: newPhone() }, { address: newAddress() })).status).toBe(202);
  });

  it("counts an IPv6 sender by its /64 network: one machine holds billions of addresses, and the 11th from the network is 429", async () => {
    const network = "2001:db8:7:1";
    for (let i = 1; i <= 10; i++)
      expect((await post({ name: `Rotating Sender ${i}`, phone: newPhone() }, { address: `${network}::${i.toString(16)}` })).status).toBe(202);
    expect((await post({ name: "Rotating Sender", phone: newPhone() }, { address: `${network}:ffff:ffff:ffff:ffff` })).status).toBe(429);
    // The next network is someone else.
    expect((await post({ name: "Neighbour", phone: newPhone() }, { address: "2001:db8:7:2::1" })).status).toBe(202);
  });

  it("cross-origin: a listed origin is allowed (preflight and post), a foreign one is refused with nothing stored", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.base}/api/inquiries`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type", "x-forwarded-for": newAddress() },
      });
    const ok = await preflight(CLINIC_SITE);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(CLINIC_SITE);
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    expect(ok.headers.get("access-control-allow-headers")).toContain("content-type");

    const foreign = await preflight(FOREIGN_SITE);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    const allowed = await post({ name: "From The Site", phone: newPhone() }, { origin: CLINIC_SITE });
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(CLINIC_SITE);

    // A foreign page's form post needs no preflight, so the post itself is refused.
    const touches = countOf("lead_touch");
    const posted = await post({ name: "From Elsewhere", phone: newPhone() }, { origin: FOREIGN_SITE, form: true });
    expect(posted.status).toBe(403);
    expect(posted.headers.get("access-control-allow-origin")).toBeNull();
    expect(countOf("lead_touch")).toBe(touches);

    // The dashboard's own /inquire page posts from the server's own origin.
    expect((await post({ name: "On The Dashboard", phone: newPhone() }, { origin: server.base })).status).toBe(202);
  });

  it("10,000 fuzzed bodies get no server error", async () => {
    const random = mulberry32(17);
    const bodies = Array.from({ length: 10_000 }, () => fuzzedRequest(random));
    const statuses = new Map<number, number>();
    const queue = [...bodies];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.pop(); next; next = queue.pop()) {
          const res = await fetch(`${server.base}/api/inquiries`, {
            method: "POST",
            headers: { "content-type": next.type, "x-forwarded-for": newAddress() },
            body: next.body,
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const errors = [...statuses].filter(([status]) => status >= 500);
    expect(errors).toEqual([]);
    // The fuzz reached both ends: refusals and accepted inquiries.
    expect(statuses.get(400)).toBeGreaterThan(1000);
    expect(statuses.get(202)).toBeGreaterThan(100);
  }, 300_000);
});

describe("INQUIRY_ORIGINS", () => {
  it("is a comma-separated list of origins; unset, none; a path, a wildcard or another scheme is refused at start", () => {
    expect(readEnv({}).INQUIRY_ORIGINS).toEqual([]);
    expect(readEnv({ INQUIRY_ORIGINS: "https://www.clinic.org, https://clinic.org/ ,http://localhost:8080" }).INQUIRY_ORIGINS).toEqual([
      "https://www.clinic.org",
      "https://clinic.org",
      "http://localhost:8080",
    ]);
    for (const bad of ["*", "https://clinic.org/contact", "ftp://clinic.org", "clinic.org", "https://*.clinic.org"]) {
      expect(() => readEnv({ INQUIRY_ORIGINS: bad }), bad).toThrow(/INQUIRY_ORIGINS lists web origins separated by commas/);
    }
  });
});

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  "name",
  "phone",
  "email",
  "message",
  "preferredContact",
  "language",
  "textConsent",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "gclid",
  "landingPage",
  "referrer",
  "website",
  "__proto__",
  "constructor",
];
const NASTY = [
  "",
  " ",
  "\u0000",
  "\u202e",
  "\ud800",
  "𝔘𝔫𝔦",
  "=1+1",
  "<script>",
  "' or 1=1 --",
  "https://x.example/a?b=c",
  "(818) 555-0199",
  "8185550199",
  "on",
  "true",
  "es",
  "call",
  "a@b.co",
  "x".repeat(3000),
];

function fuzzedValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * 10);
  if (pick === 0) return null;
  if (pick === 1) return random() < 0.5;
  if (pick === 2) return Math.floor(random() * 1e12) * (random() < 0.5 ? -1 : 1);
  if (pick === 3 && depth < 3) return Array.from({ length: Math.floor(random() * 4) }, () => fuzzedValue(random, depth + 1));
  if (pick === 4 && depth < 3)
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, () => [FIELDS[Math.floor(random() * FIELDS.length)]!, fuzzedValue(random, depth + 1)]),
    );
  if (pick === 5) return String.fromCharCode(...Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 0xffff)));
  return NASTY[Math.floor(random() * NASTY.length)];
}

function fuzzedRequest(random: () => number): { type: string; body: string } {
  const kind = random();
  // A plausible inquiry with some fields mangled: many pass, so the storing path is fuzzed too.
  const base: Record<string, unknown> = { name: "Fuzz Person", phone: `818${String(Math.floor(random() * 1e7)).padStart(7, "0")}` };
  for (const field of FIELDS) if (random() < 0.25) base[field] = fuzzedValue(random);
  if (kind < 0.6) return { type: "application/json", body: JSON.stringify(base) };
  if (kind < 0.8) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(base)) form.append(k, typeof v === "string" ? v : JSON.stringify(v));
    if (random() < 0.2) form.append("name", "Second Name");
    return { type: "application/x-www-form-urlencoded", body: form.toString() };
  }
  if (kind < 0.9) return { type: "application/json", body: JSON.stringify(fuzzedValue(random)).slice(0, Math.floor(random() * 200)) };
  const types = ["text/plain", "application/xml", "multipart/form-data", "application/json; charset=utf-16", ""];
  return { type: types[Math.floor(random() * types.length)]!, body: String(fuzzedValue(random)) };
}
