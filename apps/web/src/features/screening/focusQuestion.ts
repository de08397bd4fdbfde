// Moving the keyboard to a question of the screening form, and to the next one still unanswered.
import { questionDomId } from "./draft.ts";

/** Focuses a question's control: the checked radio of a group, else its first control. */
export function focusQuestion(path: string): boolean {
  const element = document.getElementById(questionDomId(path));
  if (!element) return false;
  const target =
    element instanceof HTMLFieldSetElement
      ? (element.querySelector<HTMLInputElement>("input:checked") ?? element.querySelector<HTMLInputElement>("input"))
      : element;
  if (!target) return false;
  target.focus({ preventScroll: true });
  // Centred, so the question before and the one after are in view too: the coordinator reads ahead.
  (element.closest<HTMLElement>("[data-question]") ?? element).scrollIntoView({ block: "center" });
  return true;
}

/** The question a focused element belongs to (its answer path), or null outside any question. */
export function questionOf(element: Element | null): string | null {
  const holder = element?.closest<HTMLElement>("[data-question], [data-after-question]");
  return holder?.dataset.question ?? holder?.dataset.afterQuestion ?? null;
}

/**
 * The first unanswered question after `from` in asking order, wrapping to the top; null when none is
 * left. `order` is every visible question's path, `missing` the unanswered ones (both in asking order).
 */
export function nextUnanswered(from: string | null, order: readonly string[], missing: readonly string[]): string | null {
  if (missing.length === 0) return null;
  const at = from ? order.indexOf(from) : -1;
  return missing.find((path) => order.indexOf(path) > at) ?? missing[0] ?? null;
}
