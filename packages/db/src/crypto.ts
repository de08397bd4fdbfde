// Field encryption at rest (AES-256-GCM) and the keyed blind index that keeps exact lookups working.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { IntakeKeys } from "./keys.ts";

const PREFIX = "enc1";

export class FieldCipher {
  private readonly byId: Map<string, Buffer>;

  /**
   * `nextIv` gives each value its 96-bit IV: fresh CSPRNG output every time. A bulk loader may pass
   * one that cuts IVs from a pooled random buffer (still fresh CSPRNG output, fewer system calls).
   */
  constructor(
    private readonly keys: IntakeKeys,
    private readonly nextIv: () => Buffer = () => randomBytes(12),
  ) {
    this.byId = new Map(keys.data.map((d) => [d.id, d.key]));
  }

  get activeKeyId(): string {
    return this.keys.active;
  }

  /** `enc1:<key id>:<iv>:<tag>:<ciphertext>`, all base64url; a fresh 96-bit IV every time. */
  encrypt(plain: string): string {
    const iv = this.nextIv();
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

// The cipher of the database whose statement is being built or run. Each database handle owns its
// cipher (client.ts binds it); the column types below reach it through this pointer, which the
// handle sets for the length of one synchronous statement and puts back afterwards, so two
// databases open in one process never encrypt or read with each other's keys.
let current: FieldCipher | null = null;

/** Runs `work` with `cipher` as the one the encrypted column types use, then restores the previous one. */
export function withFieldCipher<T>(cipher: FieldCipher, work: () => T): T {
  const previous = current;
  current = cipher;
  try {
    return work();
  } finally {
    current = previous;
  }
}

/** The cipher of the statement in progress; only the encrypted column types call this. */
export function fieldCipher(): FieldCipher {
  if (!current) throw new Error("An encrypted column was used outside a statement of a database opened with openDb.");
  return current;
}

const owners = new WeakMap<object, FieldCipher>();

/** Binds a cipher to a handle's internals (shared by the handle and its transactions). */
export function bindFieldCipher(owner: object, cipher: FieldCipher): void {
  owners.set(owner, cipher);
}

/** The cipher a database handle (or one of its transactions) was opened with. */
export function cipherOf(db: object): FieldCipher {
  const cipher = owners.get((db as { dialect?: object }).dialect ?? db);
  if (!cipher) throw new Error("This database handle has no keys: open it with openDb.");
  return cipher;
}

/** The blind indexes a lead's phone is found by: the whole number, its last 7 and its last 4 digits. */
export function phoneIndexes(db: object, e164: string) {
  const c = cipherOf(db);
  const digits = e164.replace(/\D/g, "");
  return {
    phoneIndex: c.blindIndex(`full:${e164}`),
    phoneLast7Index: c.blindIndex(`l7:${digits.slice(-7)}`),
    phoneLast4Index: c.blindIndex(`l4:${digits.slice(-4)}`),
  };
}

/** The blind index of a whole number, for matching a call to a lead. */
export function numberIndex(db: object, e164: string): string {
  return cipherOf(db).blindIndex(`full:${e164}`);
}

/** The blind index of an email address, for finding a lead by it: compared lowercased and trimmed. */
export function emailIndex(db: object, email: string): string {
  return cipherOf(db).blindIndex(`email:${email.trim().toLowerCase()}`);
}
