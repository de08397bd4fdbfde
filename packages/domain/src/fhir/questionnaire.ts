// The screening form as a FHIR Questionnaire, and a completed screen as its QuestionnaireResponse.
// Both are generated from SCREENING_FORM (screening/form.ts), the definition the screen itself uses,
// so a new question reaches the export without a second list to keep in step.
import type {
  Coding,
  Patient,
  Practitioner,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from "@medplum/fhirtypes";
import type { ScreeningAnswers } from "../screening/answers.ts";
import { SCREENING_FORM, type Question } from "../screening/form.ts";
import { getAtPath } from "../screening/paths.ts";
import { SCREENING_QUESTIONNAIRE_URL } from "./systems.ts";

type ItemType = NonNullable<QuestionnaireItem["type"]>;

const ITEM_TYPES: Record<Question["kind"], ItemType> = {
  single_choice: "choice",
  multi_choice: "choice",
  yes_no: "boolean",
  short_text: "string",
  long_text: "text",
  text_list: "string",
  date: "date",
  number: "decimal",
  scale: "integer",
};

/** A scale whose steps are named (PHQ-9, GAD-7: "Several days"…) is asked as a choice of those steps. */
function itemType(q: Question): ItemType {
  return q.kind === "scale" && q.options ? "choice" : ITEM_TYPES[q.kind];
}

const repeats = (q: Question) => q.kind === "multi_choice" || q.kind === "text_list";

function optionCoding(q: Question, id: string | number): Coding {
  const option = q.options?.find((o) => o.id === id);
  return { code: String(id), ...(option ? { display: option.label } : {}) };
}

function bounds(q: Question): Extension[] {
  const type = itemType(q);
  if (type !== "integer" && type !== "decimal") return [];
  const value = (v: number) => (type === "integer" ? { valueInteger: v } : { valueDecimal: v });
  return [
    ...(q.min !== undefined ? [{ url: "http://hl7.org/fhir/StructureDefinition/minValue", ...value(q.min) }] : []),
    ...(q.max !== undefined ? [{ url: "http://hl7.org/fhir/StructureDefinition/maxValue", ...value(q.max) }] : []),
  ];
}

function questionItem(q: Question): QuestionnaireItem {
  const extension = bounds(q);
  return {
    linkId: q.id,
    text: q.label,
    type: itemType(q),
    // PHQ-9 and GAD-7 items are needed only once offered, which the form records outside the answers.
    required: q.optional !== true && q.questionnaire === undefined,
    ...(repeats(q) ? { repeats: true } : {}),
    ...(extension.length ? { extension } : {}),
    ...(itemType(q) === "choice" ? { answerOption: (q.options ?? []).map((o) => ({ valueCoding: optionCoding(q, o.id) })) } : {}),
  };
}

/** The screening form of this version as a Questionnaire: one group per section, in asking order. */
export function screeningQuestionnaire(): Questionnaire {
  return {
    resourceType: "Questionnaire",
    url: SCREENING_QUESTIONNAIRE_URL,
    version: String(SCREENING_FORM.version),
    name: "TmsChronicPainScreening",
    title: "TMS for chronic pain: phone screening",
    status: "active",
    subjectType: ["Patient"],
    item: SCREENING_FORM.sections.map((section) => ({
      linkId: section.id,
      text: section.title,
      type: "group",
      item: section.questions.map(questionItem),
    })),
  };
}

/** The canonical reference a response gives its form: the URL and the version it was asked under. */
export const screeningQuestionnaireRef = (formVersion: number) => `${SCREENING_QUESTIONNAIRE_URL}|${formVersion}`;

function answerValues(q: Question, value: unknown): QuestionnaireResponseItemAnswer[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v): QuestionnaireResponseItemAnswer[] => {
    if (v === null || v === undefined) return [];
    switch (itemType(q)) {
      case "choice":
        return [{ valueCoding: optionCoding(q, v as string | number) }];
      case "boolean":
        return [{ valueBoolean: v === true }];
      case "date":
        return [{ valueDate: String(v) }];
      case "decimal":
        return [{ valueDecimal: Number(v) }];
      case "integer":
        return [{ valueInteger: Number(v) }];
      default: {
        // FHIR strings cannot be empty: an empty free-text answer ("no other conditions") has no value.
        const text = String(v).trim();
        return text ? [{ valueString: text }] : [];
      }
    }
  });
}

export interface ScreeningResponseInput {
  screeningId: number;
  formVersion: number;
  answers: ScreeningAnswers;
  completedAt: Date;
  subject: Reference<Patient>;
  author?: Reference<Practitioner> | undefined;
}

/**
 * A completed screen as a QuestionnaireResponse. Every item carries its question's text, so it reads
 * without the Questionnaire; an item's linkId is the answer's path ("pain.peg.average"). A question
 * asked and answered with nothing (no implants, no other conditions) is kept, with no answer; a
 * question never asked (PHQ-9 not offered, no referring provider) is left out.
 */
export function screeningResponse(input: ScreeningResponseInput): QuestionnaireResponse {
  const item = SCREENING_FORM.sections.map((section): QuestionnaireResponseItem => ({
    linkId: section.id,
    text: section.title,
    item: section.questions.flatMap((q): QuestionnaireResponseItem[] => {
      const value = getAtPath(input.answers, q.id);
      if (value === undefined || value === null) return [];
      const answer = answerValues(q, value);
      return [{ linkId: q.id, text: q.label, ...(answer.length ? { answer } : {}) }];
    }),
  }));
  return {
    resourceType: "QuestionnaireResponse",
    status: "completed",
    questionnaire: screeningQuestionnaireRef(input.formVersion),
    subject: input.subject,
    authored: input.completedAt.toISOString(),
    ...(input.author ? { author: input.author } : {}),
    item: item.filter((group) => group.item?.length),
  };
}
