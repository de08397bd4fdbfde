// What a new database starts with: the listed line always, and outside production demo users and history.
import { eq, sql } from "drizzle-orm";
import { LISTED_LINE_E164, LISTED_LINE_LABEL, type Role } from "@intake/domain";
import type { Db } from "./client.ts";
import { appointment, call, lead, leadEvent, line, user } from "./schema.ts";
import { numberIndex, phoneIndexes } from "./crypto.ts";

export const DEMO_PASSWORD = "demo-password-1";
/** The demo admin's authenticator secret (admins always sign in with a second factor). Demo data only. */
export const DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "coordinator@iris.test", name: "Casey Coordinator", role: "coordinator" },
  { email: "scheduler@iris.test", name: "Sam Scheduler", role: "scheduler" },
  { email: "clinician@iris.test", name: "Dr. Chris Clinician", role: "clinician" },
  { email: "manager@iris.test", name: "Morgan Manager", role: "manager" },
  { email: "admin@iris.test", name: "Alex Admin", role: "admin" },
];

/** Seeds what every database needs (the listed line). Safe to run on every start. */
export function seedBase(db: Db): void {
  db.insert(line)
    .values({ number: LISTED_LINE_E164, label: LISTED_LINE_LABEL, source: "Website / listed number" })
    .onConflictDoNothing()
    .run();
}

/** A small deterministic generator so the demo data is the same on every machine. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Jennifer", "David", "Elizabeth", "William", "Susan", "Carlos", "Aiko", "Nguyen", "Fatima", "Olga", "Samuel", "Grace", "Hector", "Priya"];
const LAST = ["Garcia", "Smith", "Johnson", "Lee", "Martinez", "Brown", "Davis", "Lopez", "Wilson", "Anderson", "Thomas", "Tanaka", "Hernandez", "Moore", "Khan", "Petrov", "Clark", "Young", "Rivera", "Patel"];
const DEMO_SOURCES = ["Website / listed number", "Google Ads", "Physician referral", "Facebook", "Radio"];

/**
 * Demo users (all with DEMO_PASSWORD) and `leadCount` leads with calls and status history.
 * Runs only on an empty user table, so restarting never duplicates anything.
 */
export function seedDemo(db: Db, opts: { passwordHash: string; leadCount?: number; now?: Date }): boolean {
  const existing = db.select({ n: sql<number>`count(*)` }).from(user).get();
  if ((existing?.n ?? 0) > 0) return false;
  const now = (opts.now ?? new Date()).getTime();
  const leadCount = opts.leadCount ?? 2000;
  const rand = rng(2469);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

  db.transaction((tx) => {
    for (const u of DEMO_USERS) {
      tx.insert(user)
        .values({ ...u, passwordHash: opts.passwordHash, totpSecret: u.role === "admin" ? DEMO_ADMIN_TOTP_SECRET : null })
        .run();
    }
    const coordinator = tx.select().from(user).where(eq(user.role, "coordinator")).get();
    const clinician = tx.select().from(user).where(eq(user.role, "clinician")).get();
    const listed = tx.select().from(line).where(eq(line.number, LISTED_LINE_E164)).get();
    if (!coordinator || !listed) throw new Error("seedDemo needs seedBase first");

    const path = ["new", "contacting", "screening", "eligible", "handed_off", "scheduled", "consulted", "in_treatment"] as const;
    for (let i = 0; i < leadCount; i++) {
      const depth = Math.min(path.length - 1, Math.floor(-Math.log(1 - rand()) * 2.5));
      // A desk reaches new inquiries within days: only the last two days' leads are still untouched.
      // Most inquiries that never got further were closed (unreachable, not interested).
      const ageMs = depth === 0 ? rand() * 2 * 24 * 3600 * 1000 : rand() * 120 * 24 * 3600 * 1000;
      const createdAt = now - Math.floor(ageMs);
      // 555-01xx numbers are reserved for fiction; spread across a few area codes.
      const phone = `+1${pick(["818", "213", "310", "626", "661"])}555${String(i % 10000).padStart(4, "0")}`;
      const closed = depth < 6 && rand() < (depth === 0 ? 0.85 : 0.25);
      const status = closed ? "closed" : path[depth]!;
      const inserted = tx
        .insert(lead)
        .values({
          name: `${pick(FIRST)} ${pick(LAST)}`,
          phone,
          ...phoneIndexes(phone),
          relation: pick(["self", "self", "self", "family", "provider"] as const),
          source: pick(DEMO_SOURCES),
          lineId: listed.id,
          status,
          closedReason: closed ? pick(["unreachable", "not_interested", "cost", "chose_other_care", "other"] as const) : null,
          createdById: coordinator.id,
          createdAt: new Date(createdAt),
          updatedAt: new Date(Math.min(now, createdAt + depth * 3600_000)),
        })
        .returning({ id: lead.id })
        .get();
      // Most callers are answered on their first call; the rest are called back within hours.
      const firstConnected = depth === 0 || rand() < 0.7;
      const contactDelay = firstConnected ? 0 : Math.floor((5 + -Math.log(1 - rand()) * 90) * 60_000);
      let at = createdAt;
      let from: (typeof path)[number] | null = null;
      const stageAt: number[] = [];
      for (let d = 0; d <= depth; d++) {
        if (d === 1) at = Math.min(now, createdAt + contactDelay);
        else if (d > 1) at = Math.min(now, at + Math.floor(rand() * 48 * 3600_000));
        stageAt[d] = at;
        tx.insert(leadEvent).values({ leadId: inserted.id, fromStatus: from, toStatus: path[d]!, actorId: coordinator.id, at: new Date(at) }).run();
        from = path[d]!;
      }
      if (closed) {
        at = Math.min(now, at + Math.floor(rand() * 24 * 3600_000));
        tx.insert(leadEvent).values({ leadId: inserted.id, fromStatus: from, toStatus: "closed", actorId: coordinator.id, reason: "other", at: new Date(at) }).run();
      }
      const callRow = (direction: "inbound" | "outbound", startedAt: number, outcome: "connected" | "voicemail" | "missed", seconds: number) =>
        tx
          .insert(call)
          .values({
            direction,
            lineId: listed.id,
            otherNumber: phone,
            otherNumberIndex: numberIndex(phone),
            startedAt: new Date(startedAt),
            durationSeconds: seconds,
            outcome,
            handledById: coordinator.id,
            leadId: inserted.id,
          })
          .run();
      callRow("inbound", createdAt, firstConnected ? "connected" : pick(["voicemail", "missed"] as const), firstConnected ? 60 + Math.floor(rand() * 900) : 0);
      if (depth >= 1 && !firstConnected) callRow("outbound", createdAt + contactDelay, "connected", 120 + Math.floor(rand() * 600));

      // Consults: attended for those who got that far; for those scheduled, one missed or one booked
      // two to four weeks out (the usual wait for a first consult).
      if (clinician && depth >= 5 && !(closed && depth === 5)) {
        const noShow = depth === 5 && rand() < 0.2;
        const startsAt = depth >= 6 ? stageAt[6]! - 3600_000 : noShow ? Math.min(now - 3600_000, stageAt[5]! + 86_400_000) : now + Math.floor((15 + rand() * 13) * 86_400_000);
        tx.insert(appointment)
          .values({
            leadId: inserted.id,
            kind: "consult",
            clinicianId: clinician.id,
            startsAt: new Date(startsAt),
            endsAt: new Date(startsAt + 3600_000),
            status: depth >= 6 ? "attended" : noShow ? "no_show" : "booked",
            bookedById: coordinator.id,
            createdAt: new Date(stageAt[5]!),
            updatedAt: new Date(stageAt[5]!),
          })
          .run();
      }
    }
  });
  return true;
}
