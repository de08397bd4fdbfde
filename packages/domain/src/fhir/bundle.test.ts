import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { LEAD_STATUSES } from "../lead/lifecycle.ts";
import { answersArbitrary } from "../screening/arbitraries.test-helpers.ts";
import { EXAMPLE_SCREENING_PROFILES } from "../screening/example.ts";
import { allQuestions, SCREENING_FORM_VERSION } from "../screening/form.ts";
import type { ScreeningAnswers } from "../screening/answers.ts";
import { exportScope, leadBundle, type FhirLeadExport } from "./bundle.ts";
import { screeningQuestionnaire } from "./questionnaire.ts";
import { SCREENING_QUESTIONNAIRE_URL } from "./systems.ts";
import { assertValidFhir, assertValidTransactionBundle, loadDefinitions, resourcesOf } from "./validate.test-helpers.ts";

const at = (iso: string) => new Date(iso);
const coordinator = { id: 3, name: "Nia Park" };
const clinician = { id: 7, name: "Dr. Ana Reyes" };

function exportOf(status: FhirLeadExport["lead"]["status"], answers: ScreeningAnswers | null): FhirLeadExport {
  return {
    lead: { id: 42, name: "Rosa Diaz", phone: "+12135550142", email: "rosa@example.org", status, createdAt: at("2026-11-20T17:00:00Z") },
    screeningResult: answers ? { result: "eligible", flags: [] } : null,
    screening: answers ? { id: 9, formVersion: SCREENING_FORM_VERSION, answers, completedAt: at("2026-11-20T17:30:00Z"), completedBy: coordinator } : null,
    handoffs: [
      {
        id: 5,
        target: "scheduling",
        clinician: null,
        from: coordinator,
        urgent: false,
        situation: "Eligible for a TMS consult.",
        background: "Chronic low back pain for 30 months.",
        assessment: "Eligible, no flags.",
        recommendation: "Book a consult.",
        createdAt: at("2026-11-20T17:35:00Z"),
        acknowledgedAt: status === "handed_off" ? null : at("2026-11-21T09:00:00Z"),
      },
    ],
    clinicalNotes: [{ id: 1, decision: "clear", note: "Pacemaker checked with cardiology.", createdAt: at("2026-11-21T10:00:00Z"), author: clinician }],
    appointments: [
      { id: 11, kind: "consult", status: "booked", startsAt: at("2026-11-28T17:00:00Z"), endsAt: at("2026-11-28T18:00:00Z"), clinician },
      { id: 12, kind: "consult", status: "cancelled", startsAt: at("2026-11-27T17:00:00Z"), endsAt: at("2026-11-27T18:00:00Z"), clinician },
    ],
    calls: [
      {
        id: 100,
        direction: "inbound",
        outcome: "connected",
        startedAt: at("2026-11-20T17:00:00Z"),
        durationSeconds: 240,
        handledBy: coordinator,
        notes: "Asked about cost.",
      },
      { id: 101, direction: "outbound", outcome: "missed", startedAt: at("2026-11-19T17:00:00Z"), durationSeconds: 0, handledBy: null, notes: null },
    ],
    exportedAt: at("2026-11-25T18:00:00Z"),
  };
}

beforeAll(() => void loadDefinitions(), 60_000);

describe("the validator the tests rely on", () => {
  const bundle = () => leadBundle(exportOf("scheduled", EXAMPLE_SCREENING_PROFILES.eligible!()));
  const entryOf = (b: ReturnType<typeof bundle>, type: string) => b.entry!.find((e) => e.resource?.resourceType === type)!;

  it("refuses a code outside its required value set, an unknown element, a wrong type and a reference to no entry", () => {
    const badStatus = bundle();
    (entryOf(badStatus, "Task").resource as { status: string }).status = "waiting";
    expect(() => assertValidTransactionBundle(badStatus)).toThrow(/resource\.status: "waiting" is not a code/);
    const badElement = bundle();
    (entryOf(badElement, "Patient").resource as unknown as Record<string, unknown>).favouriteColour = "blue";
    expect(() => assertValidTransactionBundle(badElement)).toThrow(/favouriteColour/);
    const badType = bundle();
    (entryOf(badType, "Patient").resource as unknown as Record<string, unknown>).birthDate = "14 March 1971";
    expect(() => assertValidTransactionBundle(badType)).toThrow(/birthDate/);
    const dangling = bundle();
    entryOf(dangling, "Task").resource = {
      ...(entryOf(dangling, "Task").resource as object),
      for: { reference: "urn:uuid:00000000-0000-8000-8000-000000000000" },
    } as never;
    expect(() => assertValidTransactionBundle(dangling)).toThrow(/names no entry/);
  });
});

describe("the screening form as a Questionnaire", () => {
  it("is valid R4 and asks every question of the form, by its answer path, in asking order", () => {
    const q = screeningQuestionnaire();
    assertValidFhir(q);
    expect(q.url).toBe(SCREENING_QUESTIONNAIRE_URL);
    expect(q.version).toBe(String(SCREENING_FORM_VERSION));
    const linkIds = (q.item ?? []).flatMap((group) => (group.item ?? []).map((i) => i.linkId));
    expect(linkIds).toEqual(allQuestions().map((x) => x.id));
    const phq9Item9 = q.item?.flatMap((g) => g.item ?? []).find((i) => i.linkId === "wellbeing.phq9[8]");
    expect(phq9Item9?.type).toBe("choice");
    expect(phq9Item9?.answerOption?.map((o) => o.valueCoding?.code)).toEqual(["0", "1", "2", "3"]);
  });
});

describe("a lead's FHIR bundle", () => {
  for (const [profile, answersFor] of Object.entries(EXAMPLE_SCREENING_PROFILES)) {
    for (const status of LEAD_STATUSES) {
      it(`validates against FHIR R4: screening profile ${profile}, lead ${status}`, () => {
        assertValidTransactionBundle(leadBundle(exportOf(status, answersFor("Rosa Diaz"))));
      });
    }
  }

  it("validates for any complete screen the rules accept (generated)", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(answersArbitrary, fc.constantFrom(...LEAD_STATUSES), (answers, status) => {
        assertValidTransactionBundle(leadBundle(exportOf(status, answers)));
      }),
      { numRuns: 60 },
    );
  });

  it("answers each question with its text, by answer path, and names the form version it was asked under", () => {
    const bundle = leadBundle(exportOf("scheduled", EXAMPLE_SCREENING_PROFILES.eligibleWithQuestionnaires!("Rosa Diaz")));
    const [qr] = resourcesOf(bundle, "QuestionnaireResponse");
    expect(qr?.questionnaire).toBe(`${SCREENING_QUESTIONNAIRE_URL}|1`);
    expect(qr?.status).toBe("completed");
    const items = new Map((qr?.item ?? []).flatMap((g) => g.item ?? []).map((i) => [i.linkId, i]));
    expect(items.get("pain.peg.average")).toMatchObject({ text: expect.stringContaining("on average"), answer: [{ valueInteger: 7 }] });
    expect(items.get("wellbeing.phq9[1]")?.answer).toEqual([{ valueCoding: { code: "2", display: "More than half the days" } }]);
    expect(items.get("safety.headImplants")?.answer).toBeUndefined();
    expect(items.has("caller.referringProvider")).toBe(false);
    const [patient] = resourcesOf(bundle, "Patient");
    expect(patient?.birthDate).toBe("1971-03-14");
  });

  it("links its entries: the Task's focus is the ServiceRequest, which rests on the QuestionnaireResponse", () => {
    const bundle = leadBundle(exportOf("handed_off", EXAMPLE_SCREENING_PROFILES.eligible!()));
    const urn = (type: string) => bundle.entry?.find((e) => e.resource?.resourceType === type)?.fullUrl;
    const [task] = resourcesOf(bundle, "Task");
    const [sr] = resourcesOf(bundle, "ServiceRequest");
    expect(task?.focus?.reference).toBe(urn("ServiceRequest"));
    expect(task?.for?.reference).toBe(urn("Patient"));
    expect(task?.businessStatus?.coding?.[0]?.code).toBe("handed_off");
    expect(task?.note?.[0]?.text).toContain("Recommendation: Book a consult.");
    expect(sr?.supportingInfo?.[0]?.reference).toBe(urn("QuestionnaireResponse"));
    expect(sr?.reasonCode?.[0]?.coding?.[0]).toMatchObject({ system: "http://snomed.info/sct", code: "82423001" });
    // One Practitioner per person, however often they are named.
    expect(
      resourcesOf(bundle, "Practitioner")
        .map((p) => p.name?.[0]?.text)
        .sort(),
    ).toEqual(["Dr. Ana Reyes", "Nia Park"]);
  });

  it("without answers has no QuestionnaireResponse, no Questionnaire and no birth date", () => {
    const bundle = leadBundle({ ...exportOf("scheduled", null), clinicalNotes: [] });
    assertValidTransactionBundle(bundle);
    expect(resourcesOf(bundle, "QuestionnaireResponse")).toEqual([]);
    expect(resourcesOf(bundle, "Questionnaire")).toEqual([]);
    expect(resourcesOf(bundle, "Patient")[0]?.birthDate).toBeUndefined();
  });
});

describe("what each role's bundle may hold", () => {
  it("schedulers: no answers, no clinical notes, no call notes; clinicians: answers and clinical notes, no call notes", () => {
    expect(exportScope("scheduler")).toEqual({ screeningAnswers: false, clinicalNotes: false, callNotes: false });
    expect(exportScope("clinician")).toEqual({ screeningAnswers: true, clinicalNotes: true, callNotes: false });
    expect(exportScope("manager")).toEqual({ screeningAnswers: true, clinicalNotes: true, callNotes: true });
  });
});
