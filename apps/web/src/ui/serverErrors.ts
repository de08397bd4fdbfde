// A form's answer to a refusal from the server: each message beside its own field, else one sentence.
import { errorSentence, serverFieldErrors, type FieldErrors } from "../api/errors.ts";
import { showErrorsAndFocus } from "./focusField.ts";

type ServerErrorsTarget<K extends string> = {
  /** The form's fields, in the order they are focused. */
  fields: readonly K[];
  /** One sentence for the whole form, when no message belongs to one of its fields. */
  setFormError: (message: string) => void;
  /** How the server's field names map onto this form's (default: the same names, others dropped). */
  pick?: (server: FieldErrors) => FieldErrors<K>;
} & (
  | { form: HTMLFormElement | null; setErrors: (errors: FieldErrors<K>) => void }
  /** A form that focuses its own way. */
  | { show: (errors: FieldErrors<K>) => void }
);

/** The server's messages for this form's fields only (it checks with the same schema, so the names match). */
function sameNames<K extends string>(fields: readonly K[]) {
  return (server: FieldErrors): FieldErrors<K> => {
    const known: FieldErrors<K> = {};
    for (const field of fields) if (server[field]) known[field] = server[field];
    return known;
  };
}

/** Puts the server's per-field messages beside the form's fields; returns whether any field got one. */
export function showServerErrors<K extends string>(error: unknown, target: ServerErrorsTarget<K>): boolean {
  const known = (target.pick ?? sameNames(target.fields))(serverFieldErrors(error));
  if (Object.keys(known).length === 0) {
    target.setFormError(errorSentence(error));
    return false;
  }
  if ("show" in target) target.show(known);
  else showErrorsAndFocus(target.form, target.fields, known, target.setErrors);
  return true;
}
