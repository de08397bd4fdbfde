// Reading what the API says when it refuses: per-field messages for forms, one sentence for the rest.
import { TRPCClientError } from "@trpc/client";
import { z } from "zod";

/** One message per field, keyed by the input's field name (the server's `fieldErrors` shape, flattened). */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

// The server's error formatter adds `fieldErrors` to zod failures; parsed rather than cast, because
// an error can also come from a proxy or a network failure and then has no data at all.
const ErrorData = z.object({
  code: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string()).optional()).optional(),
});

function errorData(error: unknown): z.infer<typeof ErrorData> | null {
  if (!(error instanceof TRPCClientError)) return null;
  const parsed = ErrorData.safeParse(error.data);
  return parsed.success ? parsed.data : null;
}

export function isUnauthorized(error: unknown): boolean {
  return errorData(error)?.code === "UNAUTHORIZED";
}

export function isNotFound(error: unknown): boolean {
  return errorData(error)?.code === "NOT_FOUND";
}

/** The first message of each field, from zod's flattened `fieldErrors` (client or server side). */
export function firstMessages<K extends string>(flat: Partial<Record<K, string[] | undefined>>): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const key of Object.keys(flat) as K[]) {
    const first = flat[key]?.[0];
    if (first) out[key] = first;
  }
  return out;
}

export function serverFieldErrors(error: unknown): FieldErrors {
  const flat = errorData(error)?.fieldErrors;
  return flat ? firstMessages(flat) : {};
}

/** A sentence for the person at the desk; the server's messages are already written for them. */
export function errorSentence(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (!error.data) return "Could not reach the server. Check the connection and try again.";
    return error.message;
  }
  return "Something went wrong. Try again.";
}
