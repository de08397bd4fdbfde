// The clinic's own FHIR namespaces: identifier systems, code systems and canonical URLs the export
// writes, and stable urn:uuid ids for the entries of one bundle. An EHR maps these once.

/** Root of every system and canonical URL the clinic's export names (the `.example` name is never resolved). */
export const FHIR_NAMESPACE = "https://fhir.iris-intake.example";

/** Identifier systems: the clinic's own ids of each kind of record. */
export const FHIR_IDENTIFIER_SYSTEMS = {
  lead: `${FHIR_NAMESPACE}/sid/lead`,
  user: `${FHIR_NAMESPACE}/sid/user`,
  screening: `${FHIR_NAMESPACE}/sid/screening`,
  consultRequest: `${FHIR_NAMESPACE}/sid/consult-request`,
  handoff: `${FHIR_NAMESPACE}/sid/handoff`,
  appointment: `${FHIR_NAMESPACE}/sid/appointment`,
  call: `${FHIR_NAMESPACE}/sid/call`,
} as const;
export type FhirRecordKind = keyof typeof FHIR_IDENTIFIER_SYSTEMS;

/** A lead's status as a code (Task.businessStatus). */
export const LEAD_STATUS_SYSTEM = `${FHIR_NAMESPACE}/CodeSystem/lead-status`;
/** Where a handoff went (Task.code). */
export const HANDOFF_TARGET_SYSTEM = `${FHIR_NAMESPACE}/CodeSystem/handoff-target`;
/** The screening form's canonical URL; a QuestionnaireResponse names it with `|<form version>`. */
export const SCREENING_QUESTIONNAIRE_URL = `${FHIR_NAMESPACE}/Questionnaire/tms-pain-screening`;

export const SNOMED = "http://snomed.info/sct";
export const BCP47 = "urn:ietf:bcp:47";
export const PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

// FNV-1a over the key with four seeds: 128 bits, the same for the same key on every export.
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A urn:uuid for one record of the export, derived from its kind and id (RFC 9562 version 8, the
 * layout for ids made by the application's own rule). Stable, so two exports of the same lead name
 * their entries alike and a test can compare them; the ids mean nothing outside the bundle.
 */
export function entryUrn(kind: string, id: number | string): string {
  const key = `${kind}/${id}`;
  const hex = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x27d4eb2f].map((seed) => fnv1a(key, seed).toString(16).padStart(8, "0")).join("");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A search for one record by the clinic's identifier, for conditional create and update. */
export function identifierQuery(kind: FhirRecordKind, id: number): string {
  return `identifier=${encodeURIComponent(`${FHIR_IDENTIFIER_SYSTEMS[kind]}|${id}`)}`;
}
