// Column types that encrypt on the way in and decrypt on the way out, so services handle plain values.
import { customType } from "drizzle-orm/sqlite-core";
import { fieldCipher } from "./crypto.ts";

/** Free text that may hold clinical detail: AES-256-GCM at rest. Not searchable or sortable in SQL. */
export const encryptedText = customType<{ data: string; driverData: string | null }>({
  dataType: () => "text",
  // Drizzle passes a null by itself, except one bound to a prepared statement's placeholder: that stays null.
  toDriver: (value: string | null) => (value === null ? null : fieldCipher().encrypt(value)),
  // Never called for SQL null (drizzle maps it to null), so a null here is a stored value gone wrong.
  fromDriver: (value) => fieldCipher().decrypt(value ?? "null"),
});

/** A JSON document (screening answers) encrypted whole. */
export function encryptedJson<T>() {
  return customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => fieldCipher().encrypt(JSON.stringify(value)),
    fromDriver: (value) => JSON.parse(fieldCipher().decrypt(value)) as T,
  })();
}
