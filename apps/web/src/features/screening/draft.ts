// A screening draft as the form edits it: one answer set by its path, the optional questionnaires
// offered or withdrawn, and the ids that tie a question to its place on the page.
import {
  GAD7_ITEM_COUNT,
  PHQ9_ITEM_COUNT,
  getAtPath,
  parsePath,
  type Offered,
  type PathSegment,
  type Questionnaire,
  type ScreeningDraft,
} from "@intake/domain";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function setIn(container: unknown, segments: readonly PathSegment[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (typeof head === "number") {
    const list: unknown[] = Array.isArray(container) ? [...(container as unknown[])] : [];
    // A questionnaire item without an answer is null, never a hole in the array.
    list[head] = setIn(list[head], rest, value) ?? null;
    return list;
  }
  const object: Record<string, unknown> = isRecord(container) ? { ...container } : {};
  const next = setIn(object[head], rest, value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/**
 * The draft with one answer replaced; `undefined` removes it (the question is unanswered again).
 * Controls only ever pass values the draft schema accepts, and the autosave checks again before sending.
 */
export function setAnswer(draft: ScreeningDraft, path: string, value: unknown): ScreeningDraft {
  return setIn(draft, parsePath(path), value) as ScreeningDraft;
}

export function answerAt(draft: ScreeningDraft, path: string): unknown {
  return getAtPath(draft, path);
}

export const QUESTIONNAIRE_ITEM_COUNT: Record<Questionnaire, number> = { phq9: PHQ9_ITEM_COUNT, gad7: GAD7_ITEM_COUNT };
export const QUESTIONNAIRE_NAMES: Record<Questionnaire, string> = { phq9: "PHQ-9", gad7: "GAD-7" };

const OFFERED_KEY: Record<Questionnaire, keyof Offered> = { phq9: "phq9Offered", gad7: "gad7Offered" };

export function isOffered(name: Questionnaire, draft: ScreeningDraft, offered: Offered): boolean {
  return offered[OFFERED_KEY[name]] || draft.wellbeing?.[name] !== undefined;
}

export function questionnaireAnswered(name: Questionnaire, draft: ScreeningDraft): number {
  return (draft.wellbeing?.[name] ?? []).filter((item) => item !== null).length;
}

/**
 * Offering stores the questionnaire's array of unanswered items (how a draft records that it was
 * offered); withdrawing removes the array and its answers, as the domain asks.
 */
export function setOffered(name: Questionnaire, on: boolean, draft: ScreeningDraft, offered: Offered): { draft: ScreeningDraft; offered: Offered } {
  const items = draft.wellbeing?.[name];
  const nextDraft = on
    ? items
      ? draft
      : setAnswer(
          draft,
          `wellbeing.${name}`,
          Array.from({ length: QUESTIONNAIRE_ITEM_COUNT[name] }, () => null),
        )
    : setAnswer(draft, `wellbeing.${name}`, undefined);
  return { draft: nextDraft, offered: { ...offered, [OFFERED_KEY[name]]: on } };
}

/** "wellbeing.phq9[8]" → "q-wellbeing-phq9-8": a valid, stable element id for a question. */
export function questionDomId(path: string): string {
  return `q-${path.replace(/[.[\]]+/g, "-").replace(/-$/, "")}`;
}

export function sectionDomId(sectionId: string): string {
  return `section-${sectionId}`;
}
