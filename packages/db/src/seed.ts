// What a new database starts with: the listed line always, and outside production demo users and history.
import { eq, sql } from "drizzle-orm";
import { LISTED_LINE_E164, LISTED_LINE_LABEL, addDays, clinicDate, clinicInstant, parseIsoDate, type LeadStatus, type Role } from "@intake/domain";
import type { Db } from "./client.ts";
import { appointment, call, handoff, lead, leadEvent, leadTouch, line, screening, user } from "./schema.ts";
import { numberIndex, phoneIndexes } from "./crypto.ts";
import {
  clinicalNote,
  completedScreen,
  eligibleAnswers,
  flaggedAnswers,
  partialScreen,
  schedulingNote,
  urgentAnswers,
  urgentNote,
  type DemoCaller,
  type DemoCompleted,
  type DemoNote,
} from "./demo-screening.ts";

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
  db.insert(line).values({ number: LISTED_LINE_E164, label: LISTED_LINE_LABEL, source: "Website / listed number" }).onConflictDoNothing().run();
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
  "Nguyen",
  "Fatima",
  "Olga",
  "Samuel",
  "Grace",
  "Hector",
  "Priya",
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
];
const DEMO_SOURCES = ["Website / listed number", "Google Ads", "Physician referral", "Facebook", "Radio"];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The demo clinic sees consults on the hour, from 9 AM to the one starting at 4 PM, Monday to Friday, clinic time. */
export const DEMO_CONSULT_HOURS = [9, 10, 11, 12, 13, 14, 15, 16] as const;

/**
 * A consult time on the clinician's calendar for a consult wanted around `wanted`: a free hour of
 * that clinic day, or of a weekday up to a week before (never later, so the wait stays within four
 * weeks of booking). `first` turns which hour is tried first, so consults spread over the day.
 */
function consultSlot(wanted: number, first: number, taken: Set<number>): number {
  const date = clinicDate(new Date(wanted));
  for (let back = 0; back <= 7; back++) {
    const { year, month, day: dayOfMonth } = parseIsoDate(addDays(date, -back))!;
    const weekday = new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let k = 0; k < DEMO_CONSULT_HOURS.length; k++) {
      const hour = DEMO_CONSULT_HOURS[(first + k) % DEMO_CONSULT_HOURS.length]!;
      const at = clinicInstant({ year, month, day: dayOfMonth, hour, minute: 0, second: 0 }).getTime();
      if (!taken.has(at)) {
        taken.add(at);
        return at;
      }
    }
  }
  // A week with no free hour: the time the wait gave stands.
  return wanted;
}

/** New inquiries a day in the demo clinic (about 120 a week), and how far back its history goes at most. */
export const DEMO_PER_DAY = 17;
export const DEMO_HISTORY_DAYS = 120;

/**
 * Where a demo lead came from (docs/domain.md, "Channel and attribution"): Facebook and every other
 * Google Ads lead through the website's form with the ad's medium and campaign, the rest by a call
 * (its touches the source alone). Chosen by the lead's number, so the seed's random draws stay as they were.
 */
function demoAttribution(source: string, i: number): { channel: "call" | "web"; medium: string | null; campaign: string | null } {
  if (source === "Facebook") return { channel: "web", medium: "paid_social", campaign: "chronic-pain-video" };
  if (source === "Google Ads" && i % 2 === 1) return { channel: "web", medium: "cpc", campaign: i % 4 === 1 ? "tms-spring" : "brand" };
  return { channel: "call", medium: null, campaign: null };
}

/**
 * Demo users (all with DEMO_PASSWORD) and `leadCount` leads with calls and status history, and behind
 * each status what the desk would have written: a screen for every lead that reached screening (half
 * done for those still there, complete and eligible from eligible on), a note to scheduling for every
 * lead handed off, and a few flagged and waiting in the clinical pool's inbox. Inquiries arrive evenly (DEMO_PER_DAY)
 * and move on within hours or days, so what is open is what came in over the last few days.
 * Runs only on an empty user table, so restarting never duplicates anything.
 */
export function seedDemo(db: Db, opts: { passwordHash: string; leadCount?: number; now?: Date }): boolean {
  const existing = db
    .select({ n: sql<number>`count(*)` })
    .from(user)
    .get();
  if ((existing?.n ?? 0) > 0) return false;
  const now = (opts.now ?? new Date()).getTime();
  const leadCount = opts.leadCount ?? 2000;
  const rand = rng(2469);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // Screens and notes draw from a stream of their own, so the leads, calls and history stay exactly
  // what the same seed has always given.
  const screenRand = rng(8052469);
  const minutes = (low: number, high: number) => (low + Math.floor(screenRand() * (high - low + 1))) * MINUTE;

  db.transaction((tx) => {
    for (const u of DEMO_USERS) {
      tx.insert(user)
        .values({ ...u, passwordHash: opts.passwordHash, totpSecret: u.role === "admin" ? DEMO_ADMIN_TOTP_SECRET : null })
        .run();
    }
    const coordinator = tx.select().from(user).where(eq(user.role, "coordinator")).get();
    const clinician = tx.select().from(user).where(eq(user.role, "clinician")).get();
    const scheduler = tx.select().from(user).where(eq(user.role, "scheduler")).get();
    const listed = tx.select().from(line).where(eq(line.number, LISTED_LINE_E164)).get();
    if (!coordinator || !listed) throw new Error("seedDemo needs seedBase first");
    // The demo's listed line texts (in production an admin turns texting on once the number can text).
    tx.update(line).set({ smsEnabled: true }).where(eq(line.id, listed.id)).run();

    // Thousands of rows of a few shapes: each statement is built and prepared once, and its values
    // still go through their columns (encrypted columns encrypt, timestamps convert). A nullable
    // timestamp goes in raw (ms or null), as a column would not convert a null.
    const p = sql.placeholder;
    const insert = {
      lead: tx
        .insert(lead)
        .values({
          name: p("name"),
          phone: p("phone"),
          phoneIndex: p("phoneIndex"),
          phoneLast7Index: p("phoneLast7Index"),
          phoneLast4Index: p("phoneLast4Index"),
          relation: p("relation"),
          source: p("source"),
          lineId: p("lineId"),
          status: p("status"),
          closedReason: p("closedReason"),
          createdById: p("createdById"),
          createdAt: p("createdAt"),
          updatedAt: p("updatedAt"),
          channel: p("channel"),
          firstSource: p("source"),
          firstMedium: p("medium"),
          firstCampaign: p("campaign"),
          firstAt: p("createdAt"),
          lastSource: p("source"),
          lastMedium: p("medium"),
          lastCampaign: p("campaign"),
          lastAt: p("createdAt"),
        })
        .returning({ id: lead.id })
        .prepare(),
      touch: tx
        .insert(leadTouch)
        .values({
          leadId: p("leadId"),
          reference: p("reference"),
          channel: "web",
          source: p("source"),
          medium: p("medium"),
          campaign: p("campaign"),
          name: p("name"),
          textConsent: false,
          at: p("at"),
        })
        .prepare(),
      event: tx
        .insert(leadEvent)
        .values({
          leadId: p("leadId"),
          fromStatus: p("fromStatus"),
          toStatus: p("toStatus"),
          actorId: p("actorId"),
          reason: p("reason"),
          detail: p("detail"),
          at: p("at"),
        })
        .prepare(),
      call: tx
        .insert(call)
        .values({
          direction: p("direction"),
          lineId: p("lineId"),
          otherNumber: p("otherNumber"),
          otherNumberIndex: p("otherNumberIndex"),
          startedAt: p("startedAt"),
          durationSeconds: p("durationSeconds"),
          outcome: p("outcome"),
          handledById: p("handledById"),
          leadId: p("leadId"),
        })
        .prepare(),
      appointment: tx
        .insert(appointment)
        .values({
          leadId: p("leadId"),
          kind: "consult",
          clinicianId: p("clinicianId"),
          startsAt: p("startsAt"),
          endsAt: p("endsAt"),
          status: p("status"),
          bookedById: p("bookedById"),
          createdAt: p("createdAt"),
          updatedAt: p("updatedAt"),
        })
        .prepare(),
      // The rows services/screening.ts writes as a screen starts and saves, and as it completes.
      draft: tx
        .insert(screening)
        .values({
          leadId: p("leadId"),
          formVersion: p("formVersion"),
          status: "in_progress",
          answers: p("answers"),
          offered: p("offered"),
          startedById: p("startedById"),
          createdAt: p("createdAt"),
          updatedAt: p("updatedAt"),
        })
        .prepare(),
      screen: tx
        .insert(screening)
        .values({
          leadId: p("leadId"),
          formVersion: p("formVersion"),
          status: "complete",
          answers: p("answers"),
          offered: p("offered"),
          result: p("result"),
          flags: p("flags"),
          scores: p("scores"),
          notes: p("notes"),
          startedById: p("startedById"),
          completedById: p("completedById"),
          createdAt: p("createdAt"),
          updatedAt: p("updatedAt"),
          completedAt: p("completedAt"),
        })
        .returning({ id: screening.id })
        .prepare(),
      // And the one services/handoff.ts writes.
      handoff: tx
        .insert(handoff)
        .values({
          leadId: p("leadId"),
          screeningId: p("screeningId"),
          target: p("target"),
          urgent: p("urgent"),
          situation: p("situation"),
          background: p("background"),
          assessment: p("assessment"),
          recommendation: p("recommendation"),
          fromId: p("fromId"),
          createdAt: p("createdAt"),
          acknowledgedAt: sql`${p("acknowledgedAtMs")}`,
          acknowledgedById: p("acknowledgedById"),
        })
        .prepare(),
    };
    const event = (leadId: number, fromStatus: LeadStatus | null, toStatus: LeadStatus, at: number, more: { reason?: string; detail?: string } = {}) =>
      insert.event.run({ leadId, fromStatus, toStatus, actorId: coordinator.id, reason: more.reason ?? null, detail: more.detail ?? null, at: new Date(at) });
    // A call that ended a few minutes into the screen.
    const halfDone = (leadId: number, caller: DemoCaller, startedAt: number) =>
      insert.draft.run({
        leadId,
        ...partialScreen(screenRand, caller, clinicDate(new Date(startedAt))),
        startedById: coordinator.id,
        createdAt: new Date(startedAt),
        updatedAt: new Date(Math.min(now, startedAt + minutes(3, 25))),
      });
    const completeScreen = (leadId: number, screen: DemoCompleted, startedAt: number, completedAt: number): number =>
      insert.screen.get({
        leadId,
        formVersion: screen.formVersion,
        answers: screen.answers,
        offered: screen.offered,
        result: screen.result,
        flags: screen.flags,
        scores: screen.scores,
        notes: screen.notes,
        startedById: coordinator.id,
        completedById: coordinator.id,
        createdAt: new Date(startedAt),
        updatedAt: new Date(completedAt),
        completedAt: new Date(completedAt),
      })!.id;
    const handOff = (
      leadId: number,
      screeningId: number,
      note: DemoNote,
      to: "scheduling" | "clinical_pool",
      urgent: boolean,
      createdAt: number,
      readAt: number | null,
    ) =>
      insert.handoff.run({
        leadId,
        screeningId,
        target: to,
        urgent,
        ...note,
        fromId: coordinator.id,
        createdAt: new Date(createdAt),
        acknowledgedAtMs: readAt !== null && scheduler ? readAt : null,
        acknowledgedById: readAt !== null && scheduler ? scheduler.id : null,
      });
    // The screens of leads still open in screening are written once all those leads are known, so the
    // urgent ones can be the most recent (see below).
    const inScreening: { leadId: number; caller: DemoCaller; startedAt: number; flagged: boolean }[] = [];

    const path = ["new", "contacting", "screening", "eligible", "handed_off", "scheduled", "consulted", "in_treatment"] as const;
    const consultHours = new Set<number>();
    // Inquiries arrive evenly, DEMO_PER_DAY a day, so the count sets how far back the history goes
    // (2,000 leads: about four months). The newest lead is the last one written.
    const spanMs = Math.min(DEMO_HISTORY_DAYS * DAY, (leadCount / DEMO_PER_DAY) * DAY);
    for (let i = 0; i < leadCount; i++) {
      // The newest caller was answered minutes ago and is being screened: the demo's urgent screen
      // (see below), fresh rather than hours old.
      const newest = i === leadCount - 1;
      // How far this lead will go before it stops (or ends up in treatment): the funnel's shape.
      const depth = newest ? 2 : Math.min(path.length - 1, Math.floor(-Math.log(1 - rand()) * 2.5));
      const createdAt = now - Math.floor((spanMs * (leadCount - i - rand())) / leadCount);
      // 555-01xx numbers are reserved for fiction; spread across a few area codes.
      const phone = `+1${pick(["818", "213", "310", "626", "661"])}555${String(i % 10000).padStart(4, "0")}`;
      // Most callers are answered on their first call; the rest are called back within hours. A lead
      // that never got further was never reached: its call went to voicemail or was missed.
      const firstConnected = newest || (depth > 0 && rand() < 0.7);
      const contactDelay = firstConnected ? 0 : Math.floor((5 + -Math.log(1 - rand()) * 90) * MINUTE);
      // When each stage is reached: a desk moves a lead on within hours or a day or two; only the
      // consult waits two to four weeks from booking (the usual wait for a first consult).
      const plan: number[] = [createdAt];
      if (depth >= 1) plan[1] = createdAt + contactDelay;
      // The screen starts on that call, or at a call back within two days.
      if (depth >= 2) plan[2] = plan[1]! + (newest || rand() < 0.5 ? Math.floor(rand() * 10 * MINUTE) : Math.floor(rand() * 2 * DAY));
      // Finished on that call, or at a call back.
      if (depth >= 3) plan[3] = plan[2]! + (rand() < 0.6 ? Math.floor((12 + rand() * 28) * MINUTE) : Math.floor(rand() * 2 * DAY));
      if (depth >= 4) plan[4] = plan[3]! + Math.floor(rand() * DAY);
      if (depth >= 5) plan[5] = plan[4]! + Math.floor(rand() * 2 * DAY);
      // The clinician's calendar: a free hour on a weekday (the wait is drawn first, as it always was).
      const consultAt = depth >= 5 ? consultSlot(plan[5]! + Math.floor((15 + rand() * 13) * DAY), i, consultHours) : 0;
      if (depth >= 6) plan[6] = consultAt + HOUR;
      if (depth >= 7) plan[7] = plan[6]! + Math.floor(rand() * 7 * DAY);
      // A lead that stops short of treatment is closed a few days after its last step (for one that
      // missed its consult, a few days after the consult), unless those days are still ahead.
      const closesAt = depth < 7 ? (depth === 5 ? consultAt + HOUR : plan[depth]!) + Math.floor((0.5 + rand() * 2.5) * DAY) : Infinity;
      const closedReason = depth === 0 ? "unreachable" : pick(["unreachable", "not_interested", "cost", "chose_other_care", "other"] as const);
      // What has happened by now.
      const stageAt = plan.filter((at) => at <= now);
      const reachedDepth = stageAt.length - 1;
      const closed = closesAt <= now;
      const open: LeadStatus = path[reachedDepth]!;
      // Every other screen still open raised a flag and waits for a clinician.
      const isFlagged = !newest && !closed && reachedDepth === 2 && (inScreening.length + 1) % 2 === 0;
      const status: LeadStatus = closed ? "closed" : isFlagged ? "needs_review" : open;
      const caller: DemoCaller = {
        name: `${pick(FIRST)} ${pick(LAST)}`,
        relation: pick(["self", "self", "self", "family", "provider"] as const),
        source: pick(DEMO_SOURCES),
      };
      const lastAt = closed ? closesAt : stageAt[reachedDepth]!;
      const attribution = demoAttribution(caller.source, i);
      const leadId = insert.lead.get({
        ...caller,
        ...attribution,
        phone,
        ...phoneIndexes(db, phone),
        lineId: listed.id,
        status,
        closedReason: closed ? closedReason : null,
        createdById: coordinator.id,
        createdAt: new Date(createdAt),
        updatedAt: new Date(lastAt),
      })!.id;
      if (attribution.channel === "web") {
        const reference = `INQ-D${String(i).padStart(9, "0")}`;
        insert.touch.run({
          leadId,
          reference,
          source: caller.source,
          medium: attribution.medium,
          campaign: attribution.campaign,
          name: caller.name,
          at: new Date(createdAt),
        });
      }
      let from: (typeof path)[number] | null = null;
      for (let d = 0; d <= reachedDepth; d++) {
        event(leadId, from, path[d]!, stageAt[d]!);
        from = path[d]!;
      }
      if (closed) event(leadId, from, "closed", closesAt, { reason: "other" });
      const at = lastAt;

      // The screen started as the lead moved to screening; from eligible on it was complete.
      if (!closed && reachedDepth === 2) {
        inScreening.push({ leadId, caller, startedAt: stageAt[2]!, flagged: isFlagged });
      } else if (reachedDepth === 2) {
        halfDone(leadId, caller, stageAt[2]!);
      } else if (reachedDepth >= 3) {
        const completedAt = stageAt[3]!;
        const onDate = clinicDate(new Date(completedAt));
        const { answers, offered } = eligibleAnswers(screenRand, caller, onDate);
        const screen = completedScreen(answers, offered, onDate, "eligible");
        const screeningId = completeScreen(leadId, screen, stageAt[2]!, completedAt);
        if (reachedDepth >= 4) {
          // Read before the consult was booked, or before the lead was closed. A note on a lead still
          // waiting is read within hours, unless that is still ahead or the scheduler has not got to it.
          const handedAt = stageAt[4]!;
          let readAt: number | null;
          if (reachedDepth >= 5) readAt = handedAt + Math.floor(screenRand() * (stageAt[5]! - handedAt));
          else {
            const reading = handedAt + minutes(10, 360);
            if (closed) readAt = Math.min(reading, at);
            else readAt = reading > now || screenRand() < 0.3 ? null : reading;
          }
          handOff(leadId, screeningId, schedulingNote(screenRand, screen, answers), "scheduling", false, handedAt, readAt);
        }
      }
      const callRow = (direction: "inbound" | "outbound", startedAt: number, outcome: "connected" | "voicemail" | "missed", seconds: number) =>
        insert.call.run({
          direction,
          lineId: listed.id,
          otherNumber: phone,
          otherNumberIndex: numberIndex(db, phone),
          startedAt: new Date(startedAt),
          durationSeconds: seconds,
          outcome,
          handledById: coordinator.id,
          leadId,
        });
      callRow("inbound", createdAt, firstConnected ? "connected" : pick(["voicemail", "missed"] as const), firstConnected ? 60 + Math.floor(rand() * 900) : 0);
      if (reachedDepth >= 1 && !firstConnected) callRow("outbound", stageAt[1]!, "connected", 120 + Math.floor(rand() * 600));

      // The consult, once booked: attended by those who went on, missed by those who stopped there,
      // and still ahead for the rest.
      if (clinician && reachedDepth >= 5) {
        const attended = reachedDepth >= 6;
        const missed = !attended && depth === 5 && consultAt + HOUR <= now;
        insert.appointment.run({
          leadId,
          clinicianId: clinician.id,
          startsAt: new Date(consultAt),
          endsAt: new Date(consultAt + HOUR),
          status: attended ? "attended" : missed ? "no_show" : "booked",
          bookedById: coordinator.id,
          createdAt: new Date(stageAt[5]!),
          updatedAt: new Date(attended || missed ? consultAt + HOUR : stageAt[5]!),
        });
      }
    }

    // One screen is urgent (PHQ-9 item 9), and one more for every twenty flagged: the screens started
    // most recently (the newest caller's first), so the demo's urgent alert is the newest thing in the
    // clinical inbox rather than hours old. The other flagged screens need review; the rest are half done.
    const urgentCount = 1 + Math.floor(inScreening.filter((s) => s.flagged).length / 20);
    const urgentIds = new Set(
      inScreening
        .filter((s) => !s.flagged)
        .sort((a, b) => b.startedAt - a.startedAt || b.leadId - a.leadId)
        .slice(0, urgentCount)
        .map((s) => s.leadId),
    );
    for (const s of inScreening) {
      const urgent = urgentIds.has(s.leadId);
      if (!s.flagged && !urgent) {
        halfDone(s.leadId, s.caller, s.startedAt);
        continue;
      }
      const completedAt = Math.min(now, s.startedAt + minutes(12, 40));
      const onDate = clinicDate(new Date(completedAt));
      let screen: DemoCompleted;
      let note: DemoNote;
      if (urgent) {
        const { answers, offered } = urgentAnswers(screenRand, s.caller, onDate);
        screen = completedScreen(answers, offered, onDate, "urgent");
        note = urgentNote(screen);
      } else {
        const { answers, offered, story } = flaggedAnswers(screenRand, s.caller, onDate);
        screen = completedScreen(answers, offered, onDate, "needs_review");
        note = clinicalNote(screen, answers, story);
      }
      event(s.leadId, "screening", "needs_review", completedAt, { detail: screen.flags.map((flag) => flag.id).join(", ") });
      const screeningId = completeScreen(s.leadId, screen, s.startedAt, completedAt);
      // An urgent screen hands itself to the clinical pool as it completes (and marks the lead); the
      // others get the coordinator's note a few minutes later. Both wait unread for a clinician.
      if (urgent) {
        tx.update(lead)
          .set({ status: "needs_review", urgent: true, updatedAt: new Date(completedAt) })
          .where(eq(lead.id, s.leadId))
          .run();
        handOff(s.leadId, screeningId, note, "clinical_pool", true, completedAt, null);
      } else {
        handOff(s.leadId, screeningId, note, "clinical_pool", false, Math.min(now, completedAt + minutes(2, 10)), null);
      }
    }
  });
  return true;
}
