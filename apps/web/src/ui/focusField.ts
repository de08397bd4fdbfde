// Moving the keyboard to a form's field by its name, radio groups included (their checked option).
import { flushSync } from "react-dom";

export function focusField(form: HTMLFormElement | null, name: string): void {
  const item = form?.elements.namedItem(name);
  if (item instanceof RadioNodeList) {
    const radios = Array.from(item).filter((el): el is HTMLInputElement => el instanceof HTMLInputElement);
    (radios.find((radio) => radio.checked) ?? radios[0])?.focus();
  } else if (item instanceof HTMLElement) {
    item.focus();
  }
}

/**
 * Shows new errors, then focuses the first invalid field. The render is flushed first so that the
 * field is already marked invalid and described by its message when a screen reader announces it.
 */
export function showErrorsAndFocus<K extends string>(
  form: HTMLFormElement | null,
  order: readonly K[],
  errors: Partial<Record<K, string>>,
  setErrors: (errors: Partial<Record<K, string>>) => void,
): void {
  flushSync(() => setErrors(errors));
  const first = order.find((field) => errors[field]);
  if (first) focusField(form, first);
}
