// The secrets that protect the database live outside it: a key file beside it (mode 0600) or a path from the environment.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { StartupError } from "./startup.ts";

const KeyFile = z.object({
  version: z.literal(1),
  /** Signs the audit chain. Never rotated in place: a new key would break verification of old entries. */
  audit: z.string(),
  /** Blind index for looking up encrypted phone numbers. */
  index: z.string(),
  /** Data keys for field encryption, newest last; `active` encrypts, all decrypt. */
  data: z.array(z.object({ id: z.string().regex(/^[a-z0-9]{1,16}$/), key: z.string() })).min(1),
  active: z.string(),
});

export interface IntakeKeys {
  audit: Buffer;
  index: Buffer;
  data: { id: string; key: Buffer }[];
  active: string;
}

const newKey = () => randomBytes(32).toString("base64");

function decode(file: z.infer<typeof KeyFile>): IntakeKeys {
  const keys = {
    audit: Buffer.from(file.audit, "base64"),
    index: Buffer.from(file.index, "base64"),
    data: file.data.map((d) => ({ id: d.id, key: Buffer.from(d.key, "base64") })),
    active: file.active,
  };
  for (const k of [keys.audit, keys.index, ...keys.data.map((d) => d.key)]) {
    if (k.length !== 32) throw new Error("Key file holds a key that is not 32 bytes.");
  }
  if (!keys.data.some((d) => d.id === keys.active)) throw new Error("Key file's active data key is missing.");
  return keys;
}

/**
 * Written to a new file (owner-only from its creation), flushed to disk, then renamed over the old
 * one and the directory flushed: a crash leaves the old file or the new one, never a torn one, and a
 * rotation never re-encrypts under a key that could still be lost with the page cache.
 */
function write(path: string, file: z.infer<typeof KeyFile>): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(dirname(path), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Writes a key file with fresh keys: only for a database that holds nothing yet. */
export function createKeys(path: string): void {
  write(path, { version: 1, audit: newKey(), index: newKey(), data: [{ id: "k1", key: newKey() }], active: "k1" });
}

/** Reads the key file. Refuses a missing one and one others can read. */
export function loadKeys(path: string): IntakeKeys {
  if (!existsSync(path)) throw new StartupError(`The key file ${path} is missing; restore it from your backup of the key file.`);
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw new StartupError(`Key file ${path} can be read by others (mode ${mode.toString(8)}); run chmod 600 on it.`);
  return decode(KeyFile.parse(JSON.parse(readFileSync(path, "utf8"))));
}

/** Reads the key file, creating it with fresh keys when there is none (a new database). */
export function loadOrCreateKeys(path: string): IntakeKeys {
  if (!existsSync(path)) createKeys(path);
  return loadKeys(path);
}

/** Adds a new data key and makes it the one that encrypts; returns its id. Old keys stay to decrypt. */
export function addDataKey(path: string): string {
  const file = KeyFile.parse(JSON.parse(readFileSync(path, "utf8")));
  const next = `k${Math.max(0, ...file.data.map((d) => Number(d.id.replace(/\D/g, "")) || 0)) + 1}`;
  file.data.push({ id: next, key: newKey() });
  file.active = next;
  write(path, file);
  return next;
}

/** Drops the data keys not in `keep` (the active key always stays); the caller has checked that no row uses them. */
export function retireDataKeys(path: string, keep: string[]): string[] {
  const file = KeyFile.parse(JSON.parse(readFileSync(path, "utf8")));
  const retired = file.data.filter((d) => !keep.includes(d.id) && d.id !== file.active).map((d) => d.id);
  file.data = file.data.filter((d) => !retired.includes(d.id));
  write(path, file);
  return retired;
}
