// Field encryption at rest (AES-256-GCM) and the keyed blind index that keeps exact lookups working.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { IntakeKeys } from "./keys.ts";

const PREFIX = "enc1";

export class FieldCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: IntakeKeys) {
    this.byId = new Map(keys.data.map((d) => [d.id, d.key]));
  }

  get activeKeyId(): string {
    return this.keys.active;
  }

  /** `enc1:<key id>:<iv>:<tag>:<ciphertext>`, all base64url; a fresh 96-bit IV every time. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.byId.get(this.keys.active)!, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [PREFIX, this.keys.active, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
  }

  decrypt(stored: string): string {
    const parts = stored.split(":");
    if (parts.length !== 5 || parts[0] !== PREFIX) throw new Error("A stored field is not in the encrypted format.");
    const key = this.byId.get(parts[1]!);
    if (!key) throw new Error(`A stored field was encrypted with data key ${parts[1]}, which the key file no longer holds.`);
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(parts[2]!, "base64url"));
    decipher.setAuthTag(Buffer.from(parts[3]!, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(parts[4]!, "base64url")), decipher.final()]).toString("utf8");
  }

  keyIdOf(stored: string): string | null {
    const parts = stored.split(":");
    return parts[0] === PREFIX ? (parts[1] ?? null) : null;
  }

  blindIndex(value: string): string {
    return createHmac("sha256", this.keys.index).update(value).digest("base64url").slice(0, 32);
  }
}

let current: FieldCipher | null = null;

/** The process's cipher, set once at start (and by each test database) before any encrypted column is touched. */
export function setFieldCipher(cipher: FieldCipher): void {
  current = cipher;
}

export function fieldCipher(): FieldCipher {
  if (!current) throw new Error("Field encryption is not set up: call setFieldCipher with the loaded keys first.");
  return current;
}

/** The blind indexes a lead's phone is found by: the whole number, its last 7 and its last 4 digits. */
export function phoneIndexes(e164: string) {
  const c = fieldCipher();
  const digits = e164.replace(/\D/g, "");
  return {
    phoneIndex: c.blindIndex(`full:${e164}`),
    phoneLast7Index: c.blindIndex(`l7:${digits.slice(-7)}`),
    phoneLast4Index: c.blindIndex(`l4:${digits.slice(-4)}`),
  };
}

/** The blind index of a whole number, for matching a call to a lead. */
export function numberIndex(e164: string): string {
  return fieldCipher().blindIndex(`full:${e164}`);
}
