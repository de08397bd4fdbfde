// A lead's FHIR R4 export: gathers what the reader's role may see (and nothing else), maps it with
// the domain's leadBundle, and "Send to EHR": posts that bundle to FHIR_BASE_URL and records the answer.
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  FHIR_OUTCOME_MAX,
  ScreeningAnswers,
  exportScope,
  leadBundle,
  type FhirLeadExport,
  type FhirPerson,
  type FhirSendRecord,
  type SessionUser,
} from "@intake/domain";
import type { Bundle, OperationOutcome } from "@medplum/fhirtypes";
import { AppError } from "../errors.ts";
import { handedToScheduling } from "./appointment/access.ts";
import { assertHandedToClinician, latestCompletedScreening, receives } from "./handoff.ts";
import { getLeadRow } from "./lead.ts";

const { appointment, call, clinicalNote, fhirSend, handoff, user } = schema;

/** Clinicians export leads handed to them or the pool, schedulers leads handed to scheduling; managers and admins any. */
function assertMayExport(db: Db, leadId: number, actor: SessionUser): void {
  switch (actor.role) {
    case "clinician":
      assertHandedToClinician(db, leadId, actor);
      return;
    case "scheduler":
      if (!handedToScheduling(db, leadId)) throw new AppError("FORBIDDEN", "This lead has not been handed to scheduling.");
      return;
    case "manager":
    case "admin":
      return;
    default:
      throw new AppError("FORBIDDEN", "Your role does not export leads.");
  }
}

function people(db: Db, ids: (number | null)[]): (id: number | null) => FhirPerson | null {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const rows = wanted.length ? db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted)).all() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id) => (id === null ? null : (byId.get(id) ?? null));
}

/** What of the lead the actor may read, in the shape the mapping takes; nothing else is even read. */
function gather(db: Db, leadId: number, actor: SessionUser, now: Date): FhirLeadExport {
  const theLead = getLeadRow(db, leadId);
  assertMayExport(db, leadId, actor);
  const scope = exportScope(actor.role);
  const screen = latestCompletedScreening(db, leadId);
  const handoffs = db
    .select()
    .from(handoff)
    .where(eq(handoff.leadId, leadId))
    .orderBy(asc(handoff.createdAt), asc(handoff.id))
    .all()
    .filter((h) => receives(actor, h));
  const notes = scope.clinicalNotes ? db.select().from(clinicalNote).where(eq(clinicalNote.leadId, leadId)).orderBy(asc(clinicalNote.createdAt)).all() : [];
  const appointments = db.select().from(appointment).where(eq(appointment.leadId, leadId)).orderBy(asc(appointment.startsAt)).all();
  const calls = db
    .select({
      id: call.id,
      direction: call.direction,
      outcome: call.outcome,
      startedAt: call.startedAt,
      durationSeconds: call.durationSeconds,
      handledById: call.handledById,
      // Ciphertext is only decrypted for a role that may read it.
      ...(scope.callNotes ? { notes: call.notes } : {}),
    })
    .from(call)
    .where(eq(call.leadId, leadId))
    .orderBy(asc(call.startedAt))
    .all();
  const person = people(db, [
    screen?.completedById ?? null,
    ...handoffs.flatMap((h) => [h.fromId, h.clinicianId]),
    ...notes.map((n) => n.authorId),
    ...appointments.map((a) => a.clinicianId),
    ...calls.map((c) => c.handledById),
  ]);
  const named = (id: number | null): FhirPerson => person(id) ?? { id: id ?? 0, name: "Former staff member" };
  return {
    lead: { id: theLead.id, name: theLead.name, phone: theLead.phone, email: theLead.email, status: theLead.status, createdAt: theLead.createdAt },
    screeningResult: screen?.result ? { result: screen.result, flags: screen.flags ?? [] } : null,
    screening:
      screen && scope.screeningAnswers && screen.completedAt
        ? {
            id: screen.id,
            formVersion: screen.formVersion,
            answers: ScreeningAnswers.parse(screen.answers),
            completedAt: screen.completedAt,
            completedBy: person(screen.completedById),
          }
        : null,
    handoffs: handoffs.map((h) => ({
      id: h.id,
      target: h.target,
      clinician: person(h.clinicianId),
      from: person(h.fromId),
      urgent: h.urgent,
      situation: h.situation,
      background: h.background,
      assessment: h.assessment,
      recommendation: h.recommendation,
      createdAt: h.createdAt,
      acknowledgedAt: h.acknowledgedAt,
    })),
    clinicalNotes: notes.map((n) => ({ id: n.id, decision: n.decision, note: n.note, createdAt: n.createdAt, author: named(n.authorId) })),
    appointments: appointments.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      clinician: named(a.clinicianId),
    })),
    calls: calls.map((c) => ({
      id: c.id,
      direction: c.direction,
      outcome: c.outcome,
      startedAt: c.startedAt,
      durationSeconds: c.durationSeconds,
      handledBy: person(c.handledById),
      notes: "notes" in c ? (c.notes ?? null) : null,
    })),
    exportedAt: now,
  };
}

/** The lead as a FHIR R4 transaction Bundle, holding only what the actor's role may read. */
export function fhirBundle(db: Db, leadId: number, actor: SessionUser, now: Date): Bundle {
  return leadBundle(gather(db, leadId, actor, now));
}

// ── Send to EHR ────────────────────────────────────────────────────────────────────────────────

const SEND_TIMEOUT_MS = 15_000;

function clip(text: string): string {
  return text.length > FHIR_OUTCOME_MAX ? `${text.slice(0, FHIR_OUTCOME_MAX - 1)}…` : text;
}

/**
 * The EHR's answer in our words: how its transaction-response entries fared, or the codes and
 * element paths of its OperationOutcome. Never its free text, which may quote the record.
 */
function summarize(status: number, body: unknown): { outcome: string; location: string | null } {
  const resource = body && typeof body === "object" ? (body as { resourceType?: unknown }) : null;
  if (resource?.resourceType === "Bundle") {
    const entries = (resource as Bundle).entry ?? [];
    const statuses = new Map<string, number>();
    for (const e of entries) {
      const s = e.response?.status?.trim() || "no status";
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    const parts = [...statuses].map(([s, n]) => `${n} × ${s}`).join(", ");
    // The first entry is the Patient: where the EHR keeps them is what the desk needs to find them.
    return { outcome: `HTTP ${status}: ${entries.length} entries (${parts || "none"})`, location: entries[0]?.response?.location ?? null };
  }
  if (resource?.resourceType === "OperationOutcome") {
    const issues = ((resource as OperationOutcome).issue ?? []).map(
      (i) => `${i.severity} ${i.code}${i.expression?.length ? ` at ${i.expression.join(", ")}` : ""}`,
    );
    return { outcome: `HTTP ${status}: ${issues.join("; ") || "no issues listed"}`, location: null };
  }
  return { outcome: `HTTP ${status}: the answer was not a FHIR Bundle or OperationOutcome`, location: null };
}

async function post(baseUrl: string, bundle: Bundle): Promise<Omit<FhirSendRecord, "at">> {
  let response: Response;
  try {
    response = await fetch(baseUrl, {
      method: "POST",
      headers: { "content-type": "application/fhir+json", accept: "application/fhir+json" },
      body: JSON.stringify(bundle),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${SEND_TIMEOUT_MS / 1000} s` : "the connection failed";
    return { httpStatus: null, ok: false, location: null, outcome: `Could not reach the EHR: ${reason}.` };
  }
  const text = await response.text().catch(() => "");
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const summary = summarize(response.status, body);
  return { httpStatus: response.status, ok: response.ok, location: response.headers.get("location") ?? summary.location, outcome: clip(summary.outcome) };
}

/**
 * Posts the lead's transaction bundle (as the sender may read it) to the EHR and records its answer
 * on the lead. An EHR that refuses or cannot be reached is recorded too, and said in the result.
 */
/**
 * Posts the lead's bundle to the EHR and returns what it answered; `record` stores that answer (on
 * the server, a job of the writer with its audit entry). Nothing is written before the EHR answers.
 */
export async function sendToEhr(
  db: Db,
  baseUrl: string | null | undefined,
  leadId: number,
  actor: SessionUser,
  now: () => Date,
  record: (sent: EhrSent) => Promise<FhirSendRecord> | FhirSendRecord = (sent) => recordEhrSend(db, sent, actor, now()),
): Promise<FhirSendRecord> {
  if (!baseUrl) throw new AppError("BAD_REQUEST", "No EHR is configured: set FHIR_BASE_URL on the server to the EHR's FHIR base URL.");
  const bundle = fhirBundle(db, leadId, actor, now());
  const answer = await post(baseUrl, bundle);
  return record({ leadId, answer });
}

export interface EhrSent {
  leadId: number;
  answer: Awaited<ReturnType<typeof post>>;
}

/** What the EHR answered to a lead's send, kept beside the lead. */
export function recordEhrSend(db: Db, { leadId, answer }: EhrSent, actor: SessionUser, now: Date): FhirSendRecord {
  const row = db
    .insert(fhirSend)
    .values({ leadId, actorId: actor.id, at: now, ...answer, location: answer.location ? clip(answer.location) : null })
    .returning()
    .get();
  return toRecord(row);
}

function toRecord(row: typeof fhirSend.$inferSelect): FhirSendRecord {
  return { at: row.at, httpStatus: row.httpStatus, ok: row.ok, location: row.location, outcome: row.outcome };
}

/** Whether an EHR is configured, and the lead's last send with what the EHR answered. */
export function ehrStatus(db: Db, baseUrl: string | null | undefined, leadId: number, actor: SessionUser) {
  getLeadRow(db, leadId);
  assertMayExport(db, leadId, actor);
  const last = db.select().from(fhirSend).where(eq(fhirSend.leadId, leadId)).orderBy(desc(fhirSend.at), desc(fhirSend.id)).get();
  return { ehrConfigured: !!baseUrl, lastSend: last ? toRecord(last) : null };
}
