// Column types that encrypt on the way in and decrypt on the way out, so services handle plain values.
import { customType } from "drizzle-orm/sqlite-core";
import { fieldCipher } from "./crypto.ts";

/** Free text that may hold clinical detail: AES-256-GCM at rest. Not searchable or sortable in SQL. */
export const encryptedText = customType<{ data: string; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => fieldCipher().encrypt(value),
  fromDriver: (value) => fieldCipher().decrypt(value),
});

/** A JSON document (screening answers) encrypted whole. */
export function encryptedJson<T>() {
  return customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => fieldCipher().encrypt(JSON.stringify(value)),
    fromDriver: (value) => JSON.parse(fieldCipher().decrypt(value)) as T,
  })();
}
