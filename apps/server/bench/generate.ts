// The scale generator: months of realistic intake history (leads, calls, status changes, consults) for
// load tests and the bench. Tooling: it writes the encrypted format through the app's own FieldCipher.
import {
  CHECKLIST_ITEMS,
  DEFAULT_PLANNED_SESSIONS,
  addDays,
  clinicDate,
  clinicDayStart,
  leadFacts,
  leadMeasures,
  type AppointmentStatus,
  type CallDirection,
  type CallOutcome,
  type ClosedReason,
  type LeadStatus,
  type Role,
} from "@intake/domain";
import { randomFillSync } from "node:crypto";
import { FieldCipher, phoneIndexes, recountFunnelRollup, seedBase, type Db, type OpenedDb } from "@intake/db";

export interface GenerateOptions {
  leads: number;
  /** Calls in all: every lead's history needs some, the rest are follow-ups and calls from no lead. */
  calls: number;
  /** How far back the history goes (default 24 months). */
  months?: number;
  now?: Date;
  seed?: number;
  /** A password hash for the generated staff (they are not meant to sign in). */
  passwordHash: string;
  onProgress?: (done: { leads: number; calls: number }) => void;
}

export interface GenerateResult {
  leads: number;
  calls: number;
  events: number;
  appointments: number;
  measures: number;
  ms: number;
}

/** Lines by share of inquiries; the first is the listed number seedBase creates. */
const LINES = [
  { number: null, label: "Main line", source: "Website / listed number", weight: 34 },
  { number: "+18185550110", label: "Google Ads", source: "Google Ads", weight: 22 },
  { number: "+18185550111", label: "Facebook", source: "Facebook", weight: 12 },
  { number: "+18185550112", label: "Physician referrals", source: "Physician referral", weight: 13 },
  { number: "+18185550113", label: "Radio (KNX)", source: "Radio", weight: 6 },
  { number: "+18185550114", label: "Instagram", source: "Instagram", weight: 6 },
  { number: "+18185550115", label: "Yelp", source: "Yelp", weight: 4 },
  { number: "+18185550116", label: "Direct mail", source: "Direct mail", weight: 3 },
] as const;

const STAFF: { role: Role; count: number }[] = [
  { role: "coordinator", count: 24 },
  { role: "scheduler", count: 4 },
  { role: "clinician", count: 6 },
];

const FIRST = [
  "Maria",
  "James",
  "Linda",
  "Robert",
  "Patricia",
  "Michael",
  "Jennifer",
  "David",
  "Elizabeth",
  "William",
  "Susan",
  "Carlos",
  "Aiko",
  "Minh",
  "Fatima",
  "Olga",
  "Samuel",
  "Grace",
  "Hector",
  "Priya",
  "Ruth",
  "Dmitri",
  "Ana",
  "Kwame",
];
const LAST = [
  "Garcia",
  "Smith",
  "Johnson",
  "Lee",
  "Martinez",
  "Brown",
  "Davis",
  "Lopez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Tanaka",
  "Hernandez",
  "Moore",
  "Khan",
  "Petrov",
  "Clark",
  "Young",
  "Rivera",
  "Patel",
  "Nguyen",
  "Okafor",
];
const AREA_CODES = [
  "818",
  "213",
  "310",
  "323",
  "626",
  "661",
  "562",
  "714",
  "949",
  "909",
  "805",
  "424",
  "747",
  "657",
  "951",
  "760",
  "858",
  "619",
  "510",
  "415",
  "650",
  "408",
  "916",
  "559",
  "530",
  "707",
  "925",
  "831",
  "209",
  "442",
];

/**
 * The phone number of the i-th generated lead (0-based): unique, 555 numbers across California area
 * codes. The bench calls these numbers back.
 */
export function generatedPhone(i: number): string {
  const area = AREA_CODES[Math.floor(i / 10_000) % AREA_CODES.length]!;
  return `+1${area}555${String(i % 10_000).padStart(4, "0")}`;
}

/** A small deterministic generator (mulberry32), so the same options give the same history. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(xs: readonly { weight: number; value: T }[]): T => {
      let r = next() * xs.reduce((s, x) => s + x.weight, 0);
      for (const x of xs) if ((r -= x.weight) < 0) return x.value;
      return xs[xs.length - 1]!.value;
    },
    /** Log-normal around a median (ms), spread sigma (in e-folds). */
    lognormal: (medianMs: number, sigma: number) => {
      const u = Math.max(1e-12, next());
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return Math.round(medianMs * Math.exp(sigma * z));
    },
  };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Ev {
  to: LeadStatus;
  at: number;
  actor: number;
  reason?: string;
  detail?: string;
}
interface CallRow {
  direction: CallDirection;
  outcome: CallOutcome;
  startedAt: number;
  duration: number;
  by: number;
  lineId: number;
}
interface Consult {
  startsAt: number;
  bookedAt: number;
  status: AppointmentStatus;
  outcomeAt: number | null;
  clinician: number;
  scheduler: number;
}

/**
 * Fills an empty database with `leads` leads and about `calls` calls over the last `months` months,
 * including every row the funnel reads (funnel_measure, computed exactly as the app computes it).
 * Writes through prepared statements in large transactions, with secondary indexes and triggers
 * dropped during the load and rebuilt at the end; encrypts exactly the columns the schema encrypts.
 */
export function generateHistory(db: Db & OpenedDb, opts: GenerateOptions): GenerateResult {
  const started = performance.now();
  const sqlite = db.$client;
  if ((sqlite.prepare("select count(*) from lead").pluck().get() as number) > 0) {
    throw new Error("The database already has leads; generate into a new database file.");
  }
  seedBase(db);
  const r = rng(opts.seed ?? 2469);
  const now = (opts.now ?? new Date()).getTime();
  const months = opts.months ?? 24;
  const cipher = new FieldCipher(db.keys, pooledIvs());

  // Staff and lines.
  const staff: Record<string, number[]> = { coordinator: [], scheduler: [], clinician: [] };
  const insertUser = sqlite.prepare("insert into user (email, name, role, password_hash, created_at) values (?, ?, ?, ?, ?) returning id").pluck();
  const insertLine = sqlite.prepare("insert into line (number, label, source, created_at) values (?, ?, ?, ?) returning id").pluck();
  const lineIds: { weight: number; value: { id: number; source: string } }[] = [];
  sqlite.transaction(() => {
    for (const { role, count } of STAFF) {
      for (let i = 1; i <= count; i++) {
        const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
        staff[role]!.push(
          insertUser.get(`${role}${String(i).padStart(2, "0")}@generated.iris.test`, name, role, opts.passwordHash, now - months * 31 * DAY) as number,
        );
      }
    }
    for (const l of LINES) {
      const id = l.number
        ? (insertLine.get(l.number, l.label, l.source, now - months * 31 * DAY) as number)
        : (sqlite.prepare("select id from line order by id limit 1").pluck().get() as number);
      lineIds.push({ weight: l.weight, value: { id, source: l.source } });
    }
  })();
  const coordinators = staff.coordinator!;
  const schedulers = staff.scheduler!;
  const clinicians = staff.clinician!;

  // When leads arrive: fewer at weekends, most in office hours (clinic time), ids in time order.
  const startDay = clinicDate(new Date(now - months * 30.44 * DAY));
  const dayCount = Math.max(1, Math.round((now - clinicDayStart(startDay).getTime()) / DAY));
  const days = Array.from({ length: dayCount }, (_, d) => {
    const day = addDays(startDay, d);
    return { start: clinicDayStart(day).getTime(), weekday: new Date(`${day}T12:00:00Z`).getUTCDay() };
  });
  const created = new Float64Array(opts.leads);
  for (let i = 0; i < opts.leads; i++) {
    let at = Infinity;
    while (at >= now) {
      const day = days[Math.floor(r.next() * dayCount)]!;
      if ((day.weekday === 0 && !r.chance(0.3)) || (day.weekday === 6 && !r.chance(0.45))) continue;
      const minute = r.chance(0.82) ? 8 * 60 + r.next() * 11 * 60 : r.next() * 24 * 60;
      at = day.start + Math.floor(minute * MIN);
    }
    created[i] = at;
  }
  created.sort();

  const saved = dropForLoad(sqlite);
  const st = {
    lead: sqlite.prepare(
      `insert into lead (id, name, phone, phone_index, phone_last7_index, phone_last4_index, relation, source, line_id, status, closed_reason, urgent, created_by_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    ),
    event: sqlite.prepare("insert into lead_event (lead_id, from_status, to_status, actor_id, reason, detail, at) values (?, ?, ?, ?, ?, ?, ?)"),
    call: sqlite.prepare(
      `insert into call (direction, line_id, other_number, other_number_index, started_at, duration_seconds, outcome, handled_by_id, lead_id, state, provider_status_rank, ended_at, needs_completion, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ended', 3, ?, 0, ?)`,
    ),
    appointment: sqlite.prepare(
      `insert into appointment (lead_id, kind, clinician_id, starts_at, ends_at, status, sequence, booked_by_id, outcome_by_id, outcome_at, created_at, updated_at)
       values (?, 'consult', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    ),
    handoff: sqlite.prepare(
      `insert into handoff (lead_id, target, urgent, situation, background, assessment, recommendation, from_id, created_at, acknowledged_at, acknowledged_by_id)
       values (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    checklist: sqlite.prepare(
      "insert into checklist_item (lead_id, item, status, requested_on, done_on, updated_by_id, created_at, updated_at) values (?, ?, 'done', ?, ?, ?, ?, ?)",
    ),
    course: sqlite.prepare(
      "insert into treatment_course (lead_id, planned_sessions, attended_sessions, started_by_id, started_at, last_session_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    // The generated leads keep the lead's defaults: English, a call, no referring provider, no first-touch medium or campaign.
    measure: sqlite.prepare(
      `insert into funnel_measure (id, lead_id, measure, bucket, value, weight, created_at, source, line_id, coordinator_id, language, referrer_id, channel, medium, campaign)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', null, 'call', null, null)`,
    ),
  };

  // A few percent of calls come from no lead at all (spam, wrong numbers, hang-ups).
  const strayCalls = Math.floor(opts.calls * 0.02);
  const leadCallTarget = opts.calls - strayCalls;
  const totals = { leads: 0, calls: 0, events: 0, appointments: 0, measures: 0 };
  let leadCalls = 0;
  const sbar = ["Chronic pain, screened by phone", "Tried PT and medication with partial relief", "Screening complete; see flags", "Book a consult"];

  const writeLead = (i: number) => {
    const id = i + 1;
    const createdAt = created[i]!;
    const line = r.weighted(lineIds);
    const coordinator = r.pick(coordinators);
    const phone = generatedPhone(i);
    const idx = phoneIndexes(db, phone);
    const events: Ev[] = [{ to: "new", at: createdAt, actor: coordinator }];
    const calls: CallRow[] = [];
    const consults: Consult[] = [];
    const handoffs: { target: "scheduling" | "clinical_pool"; at: number; ackAt: number | null; ackBy: number | null }[] = [];
    let courseAt: number | null = null;
    let closed: ClosedReason | null = null;
    const later = (at: number) => at < now;
    const push = (e: Ev) => {
      if (!later(e.at)) return false;
      events.push(e);
      return true;
    };
    const close = (at: number, reason: ClosedReason, actor = coordinator, detail?: string) => {
      if (push({ to: "closed", at, actor, reason, ...(detail ? { detail } : {}) })) closed = reason;
    };
    const call = (c: Omit<CallRow, "lineId" | "by"> & { by?: number }) => {
      if (later(c.startedAt)) calls.push({ lineId: line.id, by: c.by ?? coordinator, ...c });
    };

    // The inquiry: the call that started the lead, logged a few minutes after it began.
    const first = r.weighted<CallOutcome>([
      { weight: 60, value: "connected" },
      { weight: 22, value: "missed" },
      { weight: 18, value: "voicemail" },
    ]);
    const firstDuration = first === "connected" ? 180 + r.lognormal(9 * MIN, 0.5) / 1000 : first === "voicemail" ? 40 : 20;
    const firstStart = createdAt - Math.round(firstDuration * 1000) - r.lognormal(2 * MIN, 0.6);
    call({ direction: "inbound", outcome: first, startedAt: firstStart, duration: Math.round(firstDuration) });

    let t = createdAt;
    let talked = first === "connected";
    if (talked) push({ to: "contacting", at: t, actor: coordinator });
    else if (r.chance(0.96)) {
      // Calling back: the first attempt moves the lead to contacting; up to four tries.
      const caller = r.chance(0.85) ? coordinator : r.pick(coordinators);
      for (let attempt = 0; attempt < 4 && !talked; attempt++) {
        t += attempt === 0 ? r.lognormal(40 * MIN, 1.1) : r.lognormal(DAY, 0.6);
        const outcome = r.weighted<CallOutcome>([
          { weight: 55, value: "connected" },
          { weight: 30, value: "voicemail" },
          { weight: 15, value: "missed" },
        ]);
        call({
          direction: "outbound",
          outcome,
          startedAt: t,
          duration: outcome === "connected" ? Math.round(r.lognormal(10 * MIN, 0.5) / 1000) : 35,
          by: caller,
        });
        if (attempt === 0 && !push({ to: "contacting", at: t + 2 * MIN, actor: caller })) break;
        talked = outcome === "connected";
        if (!talked && attempt === 3 && r.chance(0.8)) close(t + DAY, "unreachable", caller);
      }
    } else if (r.chance(0.5)) close(t + 14 * DAY, "unreachable");

    // From a conversation on: screening, result, handoff, consult, treatment, each with a drop-off.
    const step = (median: number, sigma: number) => (t += r.lognormal(median, sigma));
    const dropOut = (reasons: readonly { weight: number; value: ClosedReason }[], median = 2 * DAY) => close(step(median, 0.8), r.weighted(reasons));
    const EARLY = [
      { weight: 50, value: "not_interested" },
      { weight: 20, value: "cost" },
      { weight: 15, value: "chose_other_care" },
      { weight: 5, value: "duplicate" },
      { weight: 10, value: "other" },
    ] as const;
    const LATE = [
      { weight: 40, value: "cost" },
      { weight: 30, value: "chose_other_care" },
      { weight: 20, value: "not_interested" },
      { weight: 10, value: "other" },
    ] as const;
    stages: if (talked && events.at(-1)!.to === "contacting") {
      if (!r.chance(0.72)) {
        dropOut(EARLY);
        break stages;
      }
      if (!push({ to: "screening", at: step(90 * MIN, 1), actor: coordinator })) break stages;
      const result = r.weighted([
        { weight: 62, value: "eligible" as const },
        { weight: 28, value: "needs_review" as const },
        { weight: 10, value: "not_candidate" as const },
      ]);
      step(25 * MIN, 0.4);
      if (result === "not_candidate") {
        close(t, "not_candidate", coordinator, "head_implant");
        break stages;
      }
      if (!push({ to: result, at: t, actor: coordinator, ...(result === "needs_review" ? { detail: "severe_headaches" } : {}) })) break stages;
      if (result === "needs_review") {
        handoffs.push({ target: "clinical_pool", at: t + MIN, ackAt: null, ackBy: null });
        const clinician = r.pick(clinicians);
        step(2 * DAY, 0.7);
        const review = handoffs[handoffs.length - 1]!;
        if (later(t)) Object.assign(review, { ackAt: t, ackBy: clinician });
        if (!r.chance(0.65)) {
          close(t, "not_candidate", clinician, "clinician review");
          break stages;
        }
        if (!push({ to: "eligible", at: t, actor: clinician, reason: "Cleared after review" })) break stages;
      }
      if (!r.chance(0.88)) {
        dropOut(LATE);
        break stages;
      }
      if (!push({ to: "handed_off", at: step(3 * HOUR, 0.9), actor: coordinator })) break stages;
      const scheduler = r.pick(schedulers);
      handoffs.push({ target: "scheduling", at: t, ackAt: later(t + HOUR) ? t + HOUR : null, ackBy: later(t + HOUR) ? scheduler : null });
      if (!r.chance(0.85)) {
        dropOut(LATE, 4 * DAY);
        break stages;
      }
      // Consults: booked, then attended, missed or cancelled; a missed one is booked again about half the time.
      for (let attempt = 0; attempt < 2; attempt++) {
        const bookedAt = step(1.5 * DAY, 0.8);
        if (!push({ to: "scheduled", at: bookedAt, actor: scheduler, ...(attempt ? { reason: "Consult booked again after a no-show" } : {}) })) break stages;
        const startsAt = bookedAt + Math.max(HOUR, r.lognormal(6 * DAY, 0.5));
        const clinician = r.pick(clinicians);
        const outcome = r.weighted<AppointmentStatus>([
          { weight: attempt ? 85 : 82, value: "attended" },
          { weight: attempt ? 15 : 12, value: "no_show" },
          { weight: attempt ? 0 : 6, value: "cancelled" },
        ]);
        const outcomeAt = startsAt + 75 * MIN;
        if (!later(outcomeAt)) {
          consults.push({ startsAt, bookedAt, status: "booked", outcomeAt: null, clinician, scheduler });
          break stages;
        }
        consults.push({ startsAt, bookedAt, status: outcome, outcomeAt: outcome === "cancelled" ? startsAt - DAY : outcomeAt, clinician, scheduler });
        t = outcomeAt;
        if (outcome === "attended") {
          if (!push({ to: "consulted", at: outcomeAt, actor: clinician })) break stages;
          if (!r.chance(0.72)) {
            dropOut(LATE, 6 * DAY);
            break stages;
          }
          step(12 * DAY, 0.5);
          if (push({ to: "in_treatment", at: t, actor: scheduler })) courseAt = t;
          break stages;
        }
        if (attempt === 1 || !r.chance(0.55)) {
          dropOut(LATE, 3 * DAY);
          break stages;
        }
      }
    }

    // Follow-up calls until this lead's share of the calls is made (inbound callers and callbacks).
    const contactedAt = events.find((e) => e.to === "contacting")?.at ?? null;
    const lastAt = Math.min(now - MIN, events.at(-1)!.at + 10 * DAY);
    const target = Math.round((leadCallTarget * (i + 1)) / opts.leads);
    for (let tries = 0; leadCalls + calls.length < target && tries < 400; tries++) {
      if (contactedAt === null) {
        // Before anyone reached them, only unanswered calls can have happened.
        const at = firstStart + r.next() * Math.max(MIN, lastAt - firstStart);
        call({ direction: "inbound", outcome: r.chance(0.6) ? "missed" : "voicemail", startedAt: at, duration: 25 });
      } else {
        const at = contactedAt + r.next() * Math.max(MIN, lastAt - contactedAt);
        const inbound = r.chance(0.45);
        const outcome = inbound
          ? r.weighted<CallOutcome>([
              { weight: 76, value: "connected" },
              { weight: 14, value: "missed" },
              { weight: 10, value: "voicemail" },
            ])
          : r.weighted<CallOutcome>([
              { weight: 50, value: "connected" },
              { weight: 32, value: "voicemail" },
              { weight: 18, value: "missed" },
            ]);
        call({
          direction: inbound ? "inbound" : "outbound",
          outcome,
          startedAt: at,
          duration: outcome === "connected" ? Math.round(r.lognormal(6 * MIN, 0.6) / 1000) : 30,
        });
      }
    }

    // Write the lead and its history.
    const last = events.at(-1)!;
    const status = last.to;
    const updatedAt = Math.max(last.at, ...calls.map((c) => c.startedAt));
    st.lead.run(
      id,
      `${r.pick(FIRST)} ${r.pick(LAST)}`,
      cipher.encrypt(phone),
      idx.phoneIndex,
      idx.phoneLast7Index,
      idx.phoneLast4Index,
      r.weighted([
        { weight: 70, value: "self" },
        { weight: 20, value: "family" },
        { weight: 10, value: "provider" },
      ]),
      line.source,
      line.id,
      status,
      status === "closed" ? closed : null,
      coordinator,
      createdAt,
      updatedAt,
    );
    let from: LeadStatus | null = null;
    for (const e of events) {
      st.event.run(id, from, e.to, e.actor, e.reason ? cipher.encrypt(e.reason) : null, e.detail ?? null, e.at);
      from = e.to;
    }
    for (const c of calls) {
      st.call.run(
        c.direction,
        c.lineId,
        cipher.encrypt(phone),
        idx.phoneIndex,
        c.startedAt,
        c.duration,
        c.outcome,
        c.by,
        id,
        c.startedAt + c.duration * 1000,
        c.startedAt + c.duration * 1000 + MIN,
      );
    }
    for (const a of consults) {
      st.appointment.run(
        id,
        a.clinician,
        a.startsAt,
        a.startsAt + HOUR,
        a.status,
        a.scheduler,
        a.outcomeAt && a.status !== "cancelled" ? a.clinician : null,
        a.status === "cancelled" ? null : a.outcomeAt,
        a.bookedAt,
        a.outcomeAt ?? a.bookedAt,
      );
    }
    for (const hnd of handoffs) {
      st.handoff.run(id, hnd.target, ...sbar.map((s) => cipher.encrypt(s)), coordinator, hnd.at, hnd.ackAt, hnd.ackBy);
    }
    if (courseAt !== null) {
      const before = clinicDate(new Date(courseAt - 3 * DAY));
      for (const item of CHECKLIST_ITEMS) st.checklist.run(id, item, before, before, schedulers[0]!, courseAt - 5 * DAY, courseAt - 3 * DAY);
      const sessions = Math.min(DEFAULT_PLANNED_SESSIONS, Math.floor(((now - courseAt) / DAY) * (5 / 7)));
      st.course.run(
        id,
        DEFAULT_PLANNED_SESSIONS,
        sessions,
        schedulers[0]!,
        courseAt,
        sessions ? Math.min(now, courseAt + sessions * 1.4 * DAY) : null,
        courseAt,
      );
    }
    // The funnel's rows, computed by the same rules the app uses when it recomputes a lead.
    const facts = leadFacts({
      createdAt,
      createdById: coordinator,
      status,
      closedReason: status === "closed" ? closed : null,
      events: events.map((e) => ({ toStatus: e.to, at: e.at, actorId: e.actor })),
      calls: calls.map((c) => ({ direction: c.direction, outcome: c.outcome, startedAt: c.startedAt })),
      consults: consults.map((c) => c.status),
    });
    for (const m of leadMeasures(facts)) {
      st.measure.run(id * 16 + m.measure, id, m.measure, m.bucket, m.value, m.weight, createdAt, line.source, line.id, facts.coordinatorId);
      totals.measures++;
    }
    totals.leads++;
    totals.calls += calls.length;
    leadCalls += calls.length;
    totals.events += events.length;
    totals.appointments += consults.length;
  };

  const stray = () => {
    const at = now - Math.floor(r.next() * months * 30.44 * DAY);
    const number = `+1${r.pick(AREA_CODES)}${String(2000000 + Math.floor(r.next() * 7_999_999))}`;
    const outcome = r.weighted<CallOutcome>([
      { weight: 45, value: "spam" },
      { weight: 30, value: "wrong_number" },
      { weight: 25, value: "abandoned" },
    ]);
    st.call.run(
      "inbound",
      r.weighted(lineIds).id,
      cipher.encrypt(number),
      phoneIndexes(db, number).phoneIndex,
      at,
      outcome === "abandoned" ? 8 : 30,
      outcome,
      r.pick(coordinators),
      null,
      at + 30_000,
      at + MIN,
    );
    totals.calls++;
  };

  const CHUNK = 5000;
  let strayCount = 0;
  try {
    for (let i = 0; i < opts.leads; i += CHUNK) {
      sqlite.transaction(() => {
        const end = Math.min(opts.leads, i + CHUNK);
        for (let j = i; j < end; j++) writeLead(j);
        const strayTarget = Math.round((strayCalls * end) / opts.leads);
        while (strayCount < strayTarget) {
          stray();
          strayCount++;
        }
      })();
      opts.onProgress?.({ leads: totals.leads, calls: totals.calls });
    }
  } finally {
    restoreAfterLoad(sqlite, saved, () => opts.onProgress?.({ leads: totals.leads, calls: totals.calls }));
  }
  sqlite.exec("delete from funnel_dirty");
  // Its triggers were off during the load: count once.
  sqlite.exec("delete from lead_status_count; insert into lead_status_count (status, n) select status, count(*) from lead group by status");
  recountFunnelRollup(sqlite);
  return { ...totals, ms: Math.round(performance.now() - started) };
}

interface SavedSchema {
  indexes: string[];
  triggers: string[];
  cacheSize: number;
}

/**
 * Drops secondary indexes and triggers for a bulk load (building an index once, sorted, is far
 * faster than growing it row by row) and relaxes durability: a failed load is simply rerun.
 */
function dropForLoad(sqlite: Db["$client"]): SavedSchema {
  const rows = sqlite.prepare("select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null").all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  const saved: SavedSchema = { indexes: [], triggers: [], cacheSize: sqlite.pragma("cache_size", { simple: true }) as number };
  for (const row of rows) {
    if (row.type === "index" && /^create unique/i.test(row.sql)) continue;
    (row.type === "index" ? saved.indexes : saved.triggers).push(row.sql);
    sqlite.exec(`drop ${row.type} "${row.name}"`);
  }
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  return saved;
}

function restoreAfterLoad(sqlite: Db["$client"], saved: SavedSchema, tick: () => void): void {
  for (const ddl of saved.indexes) {
    sqlite.exec(ddl);
    tick();
  }
  for (const ddl of saved.triggers) sqlite.exec(ddl);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`cache_size = ${saved.cacheSize}`);
}

/**
 * IVs cut from a pooled random buffer: one random read per 4,096 values instead of one per value.
 * Every IV is still fresh CSPRNG output, used once.
 */
function pooledIvs(): () => Buffer {
  const pool = Buffer.alloc(12 * 4096);
  let used = pool.length;
  return () => {
    if (used === pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    return pool.subarray(used, (used += 12));
  };
}
