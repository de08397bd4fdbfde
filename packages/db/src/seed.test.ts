// The demo data as a working day: behind every status the screen and the handoff note the desk would
// have written, evaluated by the domain's own rules, the same on every machine and written only once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ScreeningDraft,
  clinicDate,
  clinicWallClock,
  evaluateDraft,
  evaluateStored,
  findTransition,
  screeningAssessment,
  STATUS_STAGE,
  type LeadStatus,
} from "@intake/domain";
import { closeDb, openDb, type Db } from "./client.ts";
import { DEMO_CONSULT_HOURS, seedBase, seedDemo } from "./seed.ts";
import { appointment, call, handoff, lead, leadEvent, screening, user } from "./schema.ts";

const NOW = new Date("2026-11-20T18:00:00.000Z");
const LEADS = 300;
const DAY = 86_400_000;

type Lead = typeof lead.$inferSelect;
type Screen = typeof screening.$inferSelect;
type Handoff = typeof handoff.$inferSelect;
type Event = typeof leadEvent.$inferSelect;

// One key file for every database here: the field cipher is per process, and the test of two runs
// reads both databases.
const dir = mkdtempSync(join(tmpdir(), "intake-seed-"));
const keysPath = join(dir, "demo.keys");

function seeded(): Db {
  const db = openDb({ path: ":memory:", keysPath });
  seedBase(db);
  seedDemo(db, { passwordHash: "x", leadCount: LEADS, now: NOW });
  return db;
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

let db: Db;
let leads: Lead[];
let screensOf: Map<number, Screen[]>;
let handoffsOf: Map<number, Handoff[]>;
let eventsOf: Map<number, Event[]>;
let staff: Record<"coordinator" | "scheduler", number>;

/** The furthest stage the lead's history reached, whatever its status now. */
function reached(l: Lead): number {
  return Math.max(...(eventsOf.get(l.id) ?? []).map((e) => STATUS_STAGE[e.toStatus] ?? -1));
}
function eventAt(l: Lead, to: LeadStatus): Date {
  const found = eventsOf.get(l.id)?.find((e) => e.toStatus === to);
  if (!found) throw new Error(`lead ${l.id} never reached ${to}`);
  return found.at;
}
/** Re-evaluates stored answers the way the app reads them back: by their form version, on the day of the screen. */
function reevaluate(s: Screen) {
  if (!s.completedAt) throw new Error(`screening ${s.id} is not complete`);
  return evaluateStored({ formVersion: s.formVersion, answers: s.answers }, clinicDate(s.completedAt));
}

beforeAll(() => {
  db = seeded();
  leads = db.select().from(lead).orderBy(asc(lead.id)).all();
  screensOf = groupBy(db.select().from(screening).all(), (s) => s.leadId);
  handoffsOf = groupBy(db.select().from(handoff).all(), (h) => h.leadId);
  eventsOf = groupBy(db.select().from(leadEvent).orderBy(asc(leadEvent.at), asc(leadEvent.id)).all(), (e) => e.leadId);
  const byRole = (role: "coordinator" | "scheduler") => db.select().from(user).where(eq(user.role, role)).get()!.id;
  staff = { coordinator: byRole("coordinator"), scheduler: byRole("scheduler") };
});
afterAll(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("seedDemo's status history", () => {
  it("moves every lead only along the lifecycle, and leaves it where its last move took it", () => {
    for (const l of leads) {
      const events = eventsOf.get(l.id)!;
      expect(events[0]).toMatchObject({ fromStatus: null, toStatus: "new" });
      for (const e of events.slice(1)) expect(findTransition(e.fromStatus!, e.toStatus), `${e.fromStatus} → ${e.toStatus}`).toBeDefined();
      expect(events.at(-1)!.toStatus).toBe(l.status);
    }
  });

  it("keeps the lead list's count per status exact", () => {
    const kept = db.$client.prepare("select status, n from lead_status_count where n > 0 order by status").all();
    const counted = db.$client.prepare("select status, count(*) as n from lead group by status order by status").all();
    expect(kept).toEqual(counted);
  });
});

describe("seedDemo's clinic keeps time as a clinic does", () => {
  it("spreads new inquiries evenly over its history: no three days hold more than twice their share", () => {
    const first = Math.min(...leads.map((l) => l.createdAt.getTime()));
    const days = (NOW.getTime() - first) / DAY;
    expect(days).toBeGreaterThan(14);
    const share = (3 * LEADS) / days;
    for (let end = NOW.getTime(); end - 3 * DAY >= first; end -= DAY) {
      const inWindow = leads.filter((l) => l.createdAt.getTime() > end - 3 * DAY && l.createdAt.getTime() <= end).length;
      expect(inWindow, `the 3 days to ${new Date(end).toISOString()}`).toBeLessThanOrEqual(2 * share);
    }
  });

  it("has nothing happen after now: no call, move, screen or note is in the future, and only booked consults are ahead", () => {
    // Here and at the demo's own size (2,000 leads).
    const full = openDb({ path: ":memory:", keysPath });
    seedBase(full);
    seedDemo(full, { passwordHash: "x", now: NOW });
    try {
      for (const d of [db, full]) {
        const times = [
          ...d
            .select()
            .from(lead)
            .all()
            .flatMap((l) => [l.createdAt, l.updatedAt]),
          ...d
            .select()
            .from(leadEvent)
            .all()
            .map((e) => e.at),
          ...d
            .select()
            .from(call)
            .all()
            .map((c) => c.startedAt),
          ...d
            .select()
            .from(screening)
            .all()
            .flatMap((s) => [s.createdAt, s.updatedAt, s.completedAt]),
          ...d
            .select()
            .from(handoff)
            .all()
            .flatMap((h) => [h.createdAt, h.acknowledgedAt]),
        ];
        const late = times.filter((t): t is Date => t !== null && t.getTime() > NOW.getTime());
        expect(late).toEqual([]);
        for (const a of d.select().from(appointment).all()) {
          if (a.status === "booked") expect(a.endsAt.getTime()).toBeGreaterThan(NOW.getTime());
          else expect(a.endsAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
        }
      }
    } finally {
      closeDb(full);
    }
    // Seeding 2,000 leads takes a few seconds on a busy machine.
  }, 60_000);

  it("moves every lead someone spoke to past new", () => {
    const connected = new Set(
      db
        .select()
        .from(call)
        .where(eq(call.outcome, "connected"))
        .all()
        .map((c) => c.leadId),
    );
    const stillNew = leads.filter((l) => l.status === "new");
    expect(stillNew.length).toBeGreaterThan(0);
    expect(stillNew.filter((l) => connected.has(l.id)).map((l) => l.id)).toEqual([]);
  });

  it("books consults as a clinic would: on the hour from 9 AM to 4 PM clinic time, on weekdays, one at a time per clinician", () => {
    const consults = db.select().from(appointment).where(eq(appointment.kind, "consult")).all();
    expect(consults.length).toBeGreaterThan(20);
    for (const c of consults) {
      const wall = clinicWallClock(c.startsAt);
      const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
      expect({
        id: c.id,
        hour: DEMO_CONSULT_HOURS.includes(wall.hour as (typeof DEMO_CONSULT_HOURS)[number]),
        minute: wall.minute,
        weekday: weekday % 6 !== 0,
      }).toEqual({
        id: c.id,
        hour: true,
        minute: 0,
        weekday: true,
      });
    }
    for (const mine of groupBy(consults, (c) => c.clinicianId).values()) {
      const sorted = mine.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.startsAt.getTime()).toBeGreaterThanOrEqual(sorted[k - 1]!.endsAt.getTime());
    }
  });

  it("moves leads on within days: an open lead waits at most three days at a step, only a booked consult weeks", () => {
    const waiting = (l: Lead) => NOW.getTime() - eventsOf.get(l.id)!.at(-1)!.at.getTime();
    const open = leads.filter((l) => !["closed", "in_treatment", "scheduled", "consulted"].includes(l.status));
    expect(open.length).toBeGreaterThan(20);
    for (const l of open) expect(waiting(l) / DAY, `lead ${l.id} in ${l.status}`).toBeLessThanOrEqual(3);
    for (const l of leads.filter((l) => l.status === "consulted")) expect(waiting(l) / DAY).toBeLessThanOrEqual(7);
    for (const l of leads.filter((l) => l.status === "scheduled")) {
      const consult = db.select().from(appointment).where(eq(appointment.leadId, l.id)).get()!;
      // Booked two to four weeks out, or missed a few days ago and about to be closed.
      expect((consult.startsAt.getTime() - NOW.getTime()) / DAY).toBeLessThanOrEqual(28);
      expect((NOW.getTime() - consult.endsAt.getTime()) / DAY).toBeLessThanOrEqual(3);
    }
    // And so did the leads that went further: each step within three days of the one before, but for
    // the wait for a consult and the week after it.
    const gaps: number[] = [];
    for (const events of eventsOf.values()) {
      for (let k = 1; k < events.length; k++) {
        const gap = (events[k]!.at.getTime() - events[k - 1]!.at.getTime()) / DAY;
        gaps.push(gap);
        const limit = events[k - 1]!.toStatus === "scheduled" ? 32 : events[k - 1]!.toStatus === "consulted" ? 7 : 3;
        expect(gap, `${events[k - 1]!.toStatus} → ${events[k]!.toStatus}`).toBeLessThanOrEqual(limit);
      }
    }
    gaps.sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]!).toBeLessThan(1);
  });
});

describe("seedDemo's screens", () => {
  it("gives every lead that reached screening exactly one screen, and no other lead any", () => {
    for (const l of leads) expect(screensOf.get(l.id)?.length ?? 0, `lead ${l.id}`).toBe(reached(l) >= 2 ? 1 : 0);
  });

  it("has a complete screen that the rules find eligible behind every lead that reached eligible", () => {
    const eligible = leads.filter((l) => reached(l) >= 3);
    expect(eligible.length).toBeGreaterThan(50);
    for (const l of eligible) {
      const [s] = screensOf.get(l.id)!;
      expect(s).toMatchObject({ status: "complete", result: "eligible", flags: [], startedById: staff.coordinator, completedById: staff.coordinator });
      expect(reevaluate(s!)).toEqual({ result: s!.result, flags: s!.flags, scores: s!.scores, notes: s!.notes });
      // Completing the screen is what moved the lead to eligible.
      expect(s!.completedAt).toEqual(eventAt(l, "eligible"));
      expect(s!.createdAt).toEqual(eventAt(l, "screening"));
      expect(s!.answers).toMatchObject({ caller: { patientName: l.name, relation: l.relation, heardFrom: l.source } });
    }
  });

  it("leaves the screens of leads still in screening half done, with nothing flagged yet", () => {
    const inScreening = leads.filter((l) => l.status === "screening");
    expect(inScreening.length).toBeGreaterThan(0);
    for (const l of inScreening) {
      const [s] = screensOf.get(l.id)!;
      expect(s).toMatchObject({ status: "in_progress", result: null, completedAt: null });
      const draft = ScreeningDraft.parse(s!.answers);
      const running = evaluateDraft(draft, clinicDate(s!.updatedAt), s!.offered);
      expect(running).toMatchObject({ complete: false, result: "incomplete", flags: [] });
      expect(running.missing.length).toBeGreaterThan(0);
      expect(s!.updatedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it("keeps answers, notes and handoff notes encrypted at rest", () => {
    const raw = db.$client.prepare("select answers, notes from screening where status = 'complete' limit 5").all() as { answers: string; notes: string }[];
    expect(raw.length).toBe(5);
    for (const r of raw) {
      expect(r.answers.startsWith("enc1:")).toBe(true);
      expect(r.notes.startsWith("enc1:")).toBe(true);
    }
    const notes = db.$client.prepare("select situation, background, assessment, recommendation from handoff limit 5").all() as Record<string, string>[];
    for (const n of notes) for (const text of Object.values(n)) expect(text.startsWith("enc1:")).toBe(true);
  });
});

describe("seedDemo's clinical inbox", () => {
  it("has a few flagged leads waiting for a clinician, each with an unread note to the clinical pool", () => {
    const flagged = leads.filter((l) => l.status === "needs_review");
    // What was flagged over the last few days, at seventeen inquiries a day.
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.length).toBeLessThanOrEqual(Math.ceil(LEADS * 0.04));
    for (const l of flagged) {
      const [s] = screensOf.get(l.id)!;
      expect(s!.status).toBe("complete");
      expect(["needs_review", "urgent"]).toContain(s!.result);
      expect(s!.flags!.length).toBeGreaterThan(0);
      expect(reevaluate(s!)).toEqual({ result: s!.result, flags: s!.flags, scores: s!.scores, notes: s!.notes });
      // The move to needs_review names the rules that fired, as completing a screen does.
      const move = eventsOf.get(l.id)!.at(-1)!;
      expect(move).toMatchObject({ fromStatus: "screening", toStatus: "needs_review", detail: s!.flags!.map((f) => f.id).join(", ") });
      expect(move.at).toEqual(s!.completedAt);

      const notes = handoffsOf.get(l.id)!;
      expect(notes).toHaveLength(1);
      const urgent = s!.result === "urgent";
      expect(notes[0]).toMatchObject({
        target: "clinical_pool",
        clinicianId: null,
        screeningId: s!.id,
        urgent,
        fromId: staff.coordinator,
        acknowledgedAt: null,
        assessment: screeningAssessment(s!, "clinical_pool"),
      });
      expect(notes[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(s!.completedAt!.getTime());
      expect(l.urgent).toBe(urgent);
    }
  });

  it("makes the others need review and one or two urgent, as PHQ-9 item 9 makes a screen", () => {
    const results = leads.filter((l) => l.status === "needs_review").map((l) => screensOf.get(l.id)![0]!);
    const urgent = results.filter((s) => s.result === "urgent");
    expect(results.filter((s) => s.result === "needs_review").length).toBeGreaterThanOrEqual(2);
    expect(urgent.length).toBeGreaterThanOrEqual(1);
    expect(urgent.length).toBeLessThanOrEqual(2);
    for (const s of urgent) expect(s.flags!.map((f) => f.id)).toEqual(["suicidal_ideation"]);
    // The newest screens are the urgent ones: no screen still in progress started after them.
    const started = leads.filter((l) => l.status === "screening").map((l) => screensOf.get(l.id)![0]!.createdAt.getTime());
    for (const s of urgent) expect(s.createdAt.getTime()).toBeGreaterThanOrEqual(Math.max(...started));
    // And fresh: raised within the last two hours, before anyone would have escalated it.
    for (const s of urgent) expect(NOW.getTime() - s.completedAt!.getTime()).toBeLessThan(2 * 3600_000);
  });
});

describe("seedDemo's notes to scheduling", () => {
  it("gives every lead that was handed off the coordinator's SBAR note to scheduling, and no other lead one", () => {
    const handedOff = leads.filter((l) => reached(l) >= 4);
    expect(handedOff.length).toBeGreaterThan(30);
    for (const l of leads) {
      const toScheduling = (handoffsOf.get(l.id) ?? []).filter((h) => h.target === "scheduling");
      expect(toScheduling.length, `lead ${l.id}`).toBe(reached(l) >= 4 ? 1 : 0);
    }
    for (const l of handedOff) {
      const [note] = handoffsOf.get(l.id)!;
      const [s] = screensOf.get(l.id)!;
      expect(note).toMatchObject({ target: "scheduling", screeningId: s!.id, urgent: false, fromId: staff.coordinator, clinicianId: null });
      expect(note!.createdAt).toEqual(eventAt(l, "handed_off"));
      expect(note!.situation).toMatch(/eligible/);
      expect(note!.background.length).toBeGreaterThan(20);
      // Written for scheduling: the result and flags, never the notes for the clinician.
      expect(note!.assessment).toBe(screeningAssessment(s!, "scheduling"));
      for (const text of s!.notes ?? []) expect(note!.assessment).not.toContain(text);
      expect(note!.recommendation).toMatch(/^Book a consult/);
      if (reached(l) >= 5) {
        // The scheduler read it before booking the consult.
        expect(note!.acknowledgedById).toBe(staff.scheduler);
        expect(note!.acknowledgedAt!.getTime()).toBeLessThanOrEqual(eventAt(l, "scheduled").getTime());
      }
      if (note!.acknowledgedAt) expect(note!.acknowledgedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    // Some of those screens carry notes for the clinician, so the check above is not empty.
    expect(handedOff.some((l) => (screensOf.get(l.id)![0]!.notes ?? []).length > 0)).toBe(true);
  });

  it("leaves a few notes on leads still waiting unread, so the scheduler's inbox has something new", () => {
    const unread = leads.filter((l) => l.status === "handed_off" && handoffsOf.get(l.id)![0]!.acknowledgedAt === null);
    expect(unread.length).toBeGreaterThan(0);
    const closedUnread = leads.filter((l) => l.status === "closed" && (handoffsOf.get(l.id) ?? []).some((h) => h.acknowledgedAt === null));
    expect(closedUnread).toEqual([]);
  });
});

describe("seedDemo's channels and attribution", () => {
  it("brings some leads through the website with an ad's campaign, each with its inquiry; the rest by call, their touches the source", () => {
    const rows = db.$client
      .prepare(
        "select l.channel, l.first_source, l.first_medium, l.first_campaign, l.last_source, (select count(*) from lead_touch t where t.lead_id = l.id) as touches from lead l",
      )
      .all() as { channel: string; first_source: string; first_medium: string | null; first_campaign: string | null; last_source: string; touches: number }[];
    const web = rows.filter((r) => r.channel === "web");
    expect(web.length).toBeGreaterThan(0);
    expect(
      web.every((r) => r.touches === 1 && r.first_medium !== null && r.first_campaign !== null && ["Facebook", "Google Ads"].includes(r.first_source)),
    ).toBe(true);
    const calls = rows.filter((r) => r.channel === "call");
    expect(calls.length).toBeGreaterThan(web.length);
    expect(calls.every((r) => r.touches === 0 && r.first_medium === null && r.first_source === r.last_source && r.first_source !== null)).toBe(true);
    expect(new Set(web.map((r) => r.first_campaign))).toEqual(new Set(["chronic-pain-video", "tms-spring", "brand"]));
  });
});

describe("seedDemo as a whole", () => {
  const counts = (d: Db) =>
    Object.fromEntries(
      ["user", "lead", "lead_event", "call", "appointment", "screening", "handoff"].map((t) => [
        t,
        d.$client.prepare(`select count(*) from ${t}`).pluck().get(),
      ]),
    );

  it("adds nothing when it runs again", () => {
    const before = counts(db);
    expect(seedDemo(db, { passwordHash: "x", leadCount: LEADS, now: NOW })).toBe(false);
    expect(counts(db)).toEqual(before);
  });

  it("writes the same screens and notes on every run", () => {
    const other = seeded();
    try {
      const read = (d: Db) => ({
        screens: d.select().from(screening).orderBy(asc(screening.id)).all(),
        notes: d.select().from(handoff).orderBy(asc(handoff.id)).all(),
      });
      expect(read(other)).toEqual(read(db));
    } finally {
      closeDb(other);
    }
  });
});
