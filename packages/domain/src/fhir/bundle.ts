// A handed-off lead as a FHIR R4 transaction Bundle: Patient, the screening (Questionnaire and
// QuestionnaireResponse), the TMS consult (ServiceRequest), each handoff (Task with its SBAR note),
// appointments and logged calls (Communication). Pure mapping: the API gathers what the reader's
// role may see (exportScope) and hands it here; nothing left out there can appear here.
import type {
  Annotation,
  Appointment,
  Bundle,
  BundleEntry,
  Communication,
  Patient,
  Practitioner,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from "@medplum/fhirtypes";
import { can, type Role } from "../auth/roles.ts";
import { CALL_OUTCOME_LABELS, type CallDirection, type CallOutcome } from "../call/call.ts";
import { LEAD_STATUS_LABELS, type LeadStatus } from "../lead/lifecycle.ts";
import type { AppointmentKind, AppointmentStatus } from "../scheduling/appointment.ts";
import { APPOINTMENT_KIND_LABELS } from "../scheduling/appointment.ts";
import type { ScreeningAnswers } from "../screening/answers.ts";
import { SCREENING_RESULT_LABELS, type ScreeningResult } from "../screening/rules.ts";
import { screeningQuestionnaire, screeningResponse } from "./questionnaire.ts";
import {
  BCP47,
  FHIR_IDENTIFIER_SYSTEMS,
  HANDOFF_TARGET_SYSTEM,
  LEAD_STATUS_SYSTEM,
  PARTICIPATION_MODE,
  SCREENING_QUESTIONNAIRE_URL,
  SNOMED,
  entryUrn,
  identifierQuery,
  type FhirRecordKind,
} from "./systems.ts";

/** What a role's bundle may hold beyond contact data, handoffs addressed to it and appointments. */
export interface FhirExportScope {
  /** Screening answers (QuestionnaireResponse, and the birth date the screen recorded). */
  screeningAnswers: boolean;
  /** Clinicians' review notes. */
  clinicalNotes: boolean;
  /** What the coordinator wrote about a call. */
  callNotes: boolean;
}

/**
 * The same lines the rest of the app draws (docs/domain.md, "People"): schedulers read the screening's
 * result and flags but not its answers, and no clinical notes; call notes are for those who read calls.
 */
export function exportScope(role: Role): FhirExportScope {
  return {
    screeningAnswers: can(role, "screening.read"),
    clinicalNotes: can(role, "screening.read"),
    callNotes: can(role, "call.read"),
  };
}

export interface FhirPerson {
  id: number;
  name: string;
}

export interface FhirLeadExport {
  lead: {
    id: number;
    name: string | null;
    /** E.164. */
    phone: string;
    email: string | null;
    status: LeadStatus;
    createdAt: Date;
  };
  /** The latest completed screening's result and flags (what a scheduler may read), if any. */
  screeningResult: { result: ScreeningResult; flags: readonly { label: string }[] } | null;
  /** The latest completed screening with its answers; null when there is none or the role may not read answers. */
  screening: {
    id: number;
    formVersion: number;
    answers: ScreeningAnswers;
    completedAt: Date;
    completedBy: FhirPerson | null;
  } | null;
  /** The handoffs the reader may read, oldest first. */
  handoffs: readonly {
    id: number;
    target: "scheduling" | "clinician" | "clinical_pool";
    clinician: FhirPerson | null;
    from: FhirPerson | null;
    urgent: boolean;
    situation: string;
    background: string;
    assessment: string;
    recommendation: string;
    createdAt: Date;
    acknowledgedAt: Date | null;
  }[];
  /** Empty unless the role may read clinical notes. */
  clinicalNotes: readonly { id: number; decision: string | null; note: string; createdAt: Date; author: FhirPerson }[];
  appointments: readonly { id: number; kind: AppointmentKind; status: AppointmentStatus; startsAt: Date; endsAt: Date; clinician: FhirPerson }[];
  /** `notes` is null unless the role may read call notes. */
  calls: readonly {
    id: number;
    direction: CallDirection;
    outcome: CallOutcome;
    startedAt: Date;
    durationSeconds: number;
    handledBy: FhirPerson | null;
    notes: string | null;
  }[];
  exportedAt: Date;
}

const identifier = (kind: FhirRecordKind, id: number) => ({ system: FHIR_IDENTIFIER_SYSTEMS[kind], value: String(id) });

function humanName(text: string) {
  const parts = text.trim().split(/\s+/);
  const family = parts.length > 1 ? parts[parts.length - 1] : undefined;
  const given = parts.length > 1 ? parts.slice(0, -1) : parts;
  return { text: text.trim(), ...(family ? { family } : {}), given };
}

/** Entries with their urn:uuid, collected once each (a clinician named twice is one Practitioner). */
class Entries {
  readonly list: BundleEntry[] = [];
  private readonly seen = new Set<string>();

  /** Creates the record unless the EHR already has one with that identifier (a resend changes nothing). */
  createOnce<T extends Resource>(urn: string, resource: T, ifNoneExist: string): Reference<T> {
    return this.add(urn, resource, { method: "POST", url: resource.resourceType, ifNoneExist });
  }

  /** Creates the record, or updates the one the EHR has with the clinic's identifier (a resend brings it up to date). */
  upsert<T extends Resource>(kind: FhirRecordKind, id: number, resource: T): Reference<T> {
    return this.add(entryUrn(kind, id), resource, { method: "PUT", url: `${resource.resourceType}?${identifierQuery(kind, id)}` });
  }

  private add<T extends Resource>(urn: string, resource: T, request: BundleEntry["request"]): Reference<T> {
    if (!this.seen.has(urn)) {
      this.seen.add(urn);
      this.list.push({ fullUrl: urn, resource, ...(request ? { request } : {}) });
    }
    return { reference: urn };
  }

  practitioner(person: FhirPerson): Reference<Practitioner> {
    const resource: Practitioner = {
      resourceType: "Practitioner",
      identifier: [identifier("user", person.id)],
      active: true,
      name: [humanName(person.name)],
    };
    return { ...this.createOnce(entryUrn("user", person.id), resource, identifierQuery("user", person.id)), display: person.name };
  }
}

const SERVICE_REQUEST_STATUS: Record<LeadStatus, ServiceRequest["status"]> = {
  new: "draft",
  contacting: "draft",
  screening: "draft",
  needs_review: "draft",
  eligible: "draft",
  handed_off: "active",
  scheduled: "active",
  consulted: "completed",
  in_treatment: "completed",
  closed: "revoked",
};

const APPOINTMENT_STATUS: Record<AppointmentStatus, Appointment["status"]> = {
  booked: "booked",
  attended: "fulfilled",
  no_show: "noshow",
  cancelled: "cancelled",
};

const HANDOFF_TARGET_LABELS = {
  scheduling: "Handoff to scheduling",
  clinician: "Handoff to a clinician for review",
  clinical_pool: "Handoff to the clinical pool for review",
} as const;

type Handoff = FhirLeadExport["handoffs"][number];

/** Where the handoff stands: a scheduling handoff follows the lead; a clinical one is done once reviewed. */
function taskStatus(h: Handoff, lead: LeadStatus): Task["status"] {
  if (h.target !== "scheduling") return h.acknowledgedAt ? "completed" : lead === "closed" ? "cancelled" : "requested";
  switch (lead) {
    case "closed":
      return "cancelled";
    case "consulted":
    case "in_treatment":
      return "completed";
    case "scheduled":
      return "in-progress";
    default:
      return h.acknowledgedAt ? "accepted" : "requested";
  }
}

function sbar(h: Handoff): string {
  return [
    `Situation: ${h.situation}`,
    `Background: ${h.background}`,
    h.assessment ? `Assessment: ${h.assessment}` : null,
    `Recommendation: ${h.recommendation}`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
}

function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min ${s} s` : `${s} s`;
}

/** The lead's record as a FHIR R4 transaction Bundle, with urn:uuid references between its entries. */
export function leadBundle(data: FhirLeadExport): Bundle {
  const entries = new Entries();
  const { lead } = data;

  const name = lead.name ?? data.screening?.answers.caller.patientName ?? null;
  // The lead holds no birth date: the screen records it, so it is exported only with the answers.
  const birthDate = data.screening?.answers.caller.dateOfBirth;
  const patient: Patient = {
    resourceType: "Patient",
    identifier: [identifier("lead", lead.id)],
    active: lead.status !== "closed",
    ...(name ? { name: [humanName(name)] } : {}),
    telecom: [{ system: "phone", value: lead.phone, use: "mobile", rank: 1 }, ...(lead.email ? [{ system: "email" as const, value: lead.email }] : [])],
    ...(birthDate ? { birthDate } : {}),
    // The desk speaks English and records no other language.
    communication: [{ language: { coding: [{ system: BCP47, code: "en-US", display: "English (United States)" }], text: "English" }, preferred: true }],
  };
  const subject = entries.createOnce(entryUrn("lead", lead.id), patient, identifierQuery("lead", lead.id));

  let response: Reference | null = null;
  if (data.screening) {
    const s = data.screening;
    const version = String(s.formVersion);
    entries.createOnce(
      entryUrn("questionnaire", version),
      screeningQuestionnaire(),
      `url=${encodeURIComponent(SCREENING_QUESTIONNAIRE_URL)}&version=${version}`,
    );
    const author = s.completedBy ? entries.practitioner(s.completedBy) : undefined;
    const qr = screeningResponse({ screeningId: s.id, formVersion: s.formVersion, answers: s.answers, completedAt: s.completedAt, subject, author });
    response = entries.upsert("screening", s.id, { ...qr, identifier: identifier("screening", s.id) });
  }

  const scheduling = data.handoffs.filter((h) => h.target === "scheduling");
  const requestedBy = (scheduling[scheduling.length - 1] ?? data.handoffs[data.handoffs.length - 1])?.from;
  const notes: Annotation[] = [
    ...(data.screeningResult
      ? [
          {
            text: `Screening result: ${SCREENING_RESULT_LABELS[data.screeningResult.result]}. Flags: ${data.screeningResult.flags.map((f) => f.label).join("; ") || "none"}.`,
          },
        ]
      : []),
    ...data.clinicalNotes.map((n) => ({
      authorReference: entries.practitioner(n.author),
      time: n.createdAt.toISOString(),
      text: `Clinician review${n.decision ? ` (${n.decision})` : ""}: ${n.note}`,
    })),
  ];
  const serviceRequest: ServiceRequest = {
    resourceType: "ServiceRequest",
    identifier: [identifier("consultRequest", lead.id)],
    status: SERVICE_REQUEST_STATUS[lead.status],
    intent: "order",
    code: { text: "Consultation for repetitive transcranial magnetic stimulation (TMS) for chronic pain" },
    subject,
    authoredOn: (data.handoffs[0]?.createdAt ?? lead.createdAt).toISOString(),
    ...(requestedBy ? { requester: entries.practitioner(requestedBy) } : {}),
    reasonCode: [{ coding: [{ system: SNOMED, code: "82423001", display: "Chronic pain" }], text: "Chronic pain" }],
    ...(response ? { supportingInfo: [response] } : {}),
    ...(notes.length ? { note: notes } : {}),
  };
  const consult = entries.upsert("consultRequest", lead.id, serviceRequest);

  for (const h of data.handoffs) {
    const task: Task = {
      resourceType: "Task",
      identifier: [identifier("handoff", h.id)],
      status: taskStatus(h, lead.status),
      businessStatus: {
        coding: [{ system: LEAD_STATUS_SYSTEM, code: lead.status, display: LEAD_STATUS_LABELS[lead.status] }],
        text: LEAD_STATUS_LABELS[lead.status],
      },
      intent: "order",
      priority: h.urgent ? "stat" : "routine",
      code: { coding: [{ system: HANDOFF_TARGET_SYSTEM, code: h.target, display: HANDOFF_TARGET_LABELS[h.target] }], text: HANDOFF_TARGET_LABELS[h.target] },
      focus: consult,
      for: subject,
      authoredOn: h.createdAt.toISOString(),
      ...(h.from ? { requester: entries.practitioner(h.from) } : {}),
      ...(h.clinician ? { owner: entries.practitioner(h.clinician) } : {}),
      note: [{ ...(h.from ? { authorReference: entries.practitioner(h.from) } : {}), time: h.createdAt.toISOString(), text: sbar(h) }],
    };
    entries.upsert("handoff", h.id, task);
  }

  for (const a of data.appointments) {
    const appointment: Appointment = {
      resourceType: "Appointment",
      identifier: [identifier("appointment", a.id)],
      status: APPOINTMENT_STATUS[a.status],
      serviceType: [{ text: APPOINTMENT_KIND_LABELS[a.kind] }],
      description: `${APPOINTMENT_KIND_LABELS[a.kind]}: TMS for chronic pain`,
      start: a.startsAt.toISOString(),
      end: a.endsAt.toISOString(),
      basedOn: [consult],
      participant: [
        { actor: subject, required: "required", status: "accepted" },
        { actor: entries.practitioner(a.clinician), required: "required", status: "accepted" },
      ],
    };
    entries.upsert("appointment", a.id, appointment);
  }

  for (const c of data.calls) {
    const staff = c.handledBy ? entries.practitioner(c.handledBy) : null;
    const [from, to] = c.direction === "inbound" ? [subject, staff] : [staff, subject];
    const reached = c.outcome === "connected" || c.outcome === "voicemail";
    const communication: Communication = {
      resourceType: "Communication",
      identifier: [identifier("call", c.id)],
      status: reached ? "completed" : "not-done",
      ...(reached ? {} : { statusReason: { text: CALL_OUTCOME_LABELS[c.outcome] } }),
      medium: [{ coding: [{ system: PARTICIPATION_MODE, code: "PHN", display: "telephone" }] }],
      subject,
      topic: {
        text: `${c.direction === "inbound" ? "Inbound" : "Outbound"} call, ${CALL_OUTCOME_LABELS[c.outcome].toLowerCase()}, ${formatSeconds(c.durationSeconds)}`,
      },
      sent: c.startedAt.toISOString(),
      ...(from ? { sender: from } : {}),
      ...(to ? { recipient: [to] } : {}),
      ...(c.notes?.trim() ? { payload: [{ contentString: c.notes.trim() }] } : {}),
    };
    entries.upsert("call", c.id, communication);
  }

  return { resourceType: "Bundle", type: "transaction", timestamp: data.exportedAt.toISOString(), entry: entries.list };
}
