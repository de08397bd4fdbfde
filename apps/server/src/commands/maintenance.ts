// Operator commands that keep the data safe: verify the audit trail, back up and restore, rotate the data key.
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { verifyAudit } from "@intake/api";
import { restoreReplica } from "../replication.ts";
import {
  FieldCipher,
  StartupError,
  acquireLock,
  addDataKey,
  defaultKeysPath,
  explainFileError,
  loadKeys,
  openDb,
  reencryptAll,
  retireDataKeys,
  rowsNotUnder,
} from "@intake/db";

const ALL_PAGES = 0x7fffffff;

/** The one-line refusal while another process (a server, another rotation) holds the database. */
const heldBy = (action: string) => (holder: { pid: number; what: string }, lock: string) =>
  `Cannot ${action} while Iris Intake (${holder.what}, pid ${holder.pid}) holds the database (${lock}): stop it first, then run this again.`;

/** A new file for a copy of the database, owner-only from its creation (in a new directory, 0700); false if it exists. */
function createPrivateFile(path: string): boolean {
  mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, "wx", 0o600));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw explainFileError(error, path, "the file");
  }
}

export function auditVerify(dbPath: string): number {
  const db = openDb({ path: dbPath });
  try {
    const result = verifyAudit(db, db.keys.audit);
    if (result.ok) {
      console.log(`Audit trail intact: ${result.checked} entries verified.`);
      return 0;
    }
    const what = { changed: "was changed", removed: "is missing (removed)", reordered: "is out of order", relinked: "was moved or re-linked" }[result.problem];
    console.error(`Audit trail broken: entry ${result.seq} ${what}. ${result.checked} entries before it verified.`);
    return 1;
  } finally {
    db.$client.close();
  }
}

/** An online backup through SQLite's backup API: safe while the server is writing. */
export async function backup(dbPath: string, target: string): Promise<number> {
  if (!createPrivateFile(target)) {
    console.error(`${target} already exists; choose a new file name.`);
    return 2;
  }
  const source = new Database(dbPath, { fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  try {
    // All pages in one step: a write from another connection between steps would restart the copy,
    // and under steady load it would never finish. One step reads one consistent snapshot.
    await source.backup(target, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new Database(target, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  copy.close();
  console.log(
    `Backup written to ${target} (integrity: ${String(check)}). The key file ${defaultKeysPath(dbPath)} is needed to read it: keep a copy of it apart from the backups.`,
  );
  return check === "ok" ? 0 : 1;
}

/** Why a copy of the database cannot serve: SQLite's integrity check fails (`damaged`), or the key file cannot read it. */
export function copyProblem(file: string, keysPath: string): { message: string; damaged: boolean } | null {
  const candidate = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = candidate.pragma("integrity_check", { simple: true });
    if (check !== "ok") return { message: `The copy fails SQLite's integrity check (${String(check)})`, damaged: true };
    const sample = candidate.prepare("select phone from lead limit 1").pluck().get() as string | undefined;
    if (sample !== undefined) {
      try {
        new FieldCipher(loadKeys(keysPath)).decrypt(sample);
      } catch (error) {
        if (error instanceof StartupError) throw error;
        return { message: `The key file ${keysPath} cannot read the copy`, damaged: false };
      }
    }
    return null;
  } finally {
    candidate.close();
  }
}

/**
 * How many times a copy from the replica is restored when it fails SQLite's integrity check. The
 * damaged copies seen so far came from a replica that had lost commits, and each restore gave the
 * same damage; another restore costs little and covers a copy damaged on its way from remote
 * storage. Each copy is checked, and a replica that gives only damaged ones is refused.
 */
export const RESTORE_ATTEMPTS = 3;

/** Restores a copy from a Litestream replica into `target`, beside its key file, then checks it as the server will read it. */
export function restoreFromReplica(
  replicaUrl: string,
  target: string,
  timestamp?: string,
  // The Litestream binary, or a stand-in for it in a test.
  restoreCopy: typeof restoreReplica = restoreReplica,
): number {
  const keysPath = defaultKeysPath(target);
  if (!existsSync(keysPath)) {
    console.error(`No key file at ${keysPath}. It is not in the replica: copy it there from where it is kept apart from the data, then restore again.`);
    return 1;
  }
  if (existsSync(target)) {
    console.error(`${target} already exists: restore to a new path (or move the old file aside first).`);
    return 2;
  }
  for (let attempt = 1; ; attempt++) {
    const restored = restoreCopy(replicaUrl, target, timestamp);
    if (!restored.ok) {
      console.error(`Litestream could not restore from the replica: ${restored.message}`);
      return 1;
    }
    const problem = copyProblem(target, keysPath);
    if (!problem) break;
    if (attempt === RESTORE_ATTEMPTS || !problem.damaged) {
      console.error(`${problem.message}: do not serve it.`);
      // The replica lost commits at some point; copies from before that point are sound.
      if (problem.damaged && !timestamp)
        console.error(
          "An earlier point may restore sound: add --timestamp <time, e.g. 2026-11-25T12:00:00Z> (the server's log names each replica check that passed).",
        );
      return 1;
    }
    console.error(`${problem.message}; restoring it again from the replica (attempt ${attempt + 1} of ${RESTORE_ATTEMPTS}).`);
    for (const file of [target, `${target}-wal`, `${target}-shm`]) rmSync(file, { force: true });
  }
  console.log(`Restored ${target} from the replica${timestamp ? ` as it was at ${timestamp}` : ""} (integrity ok, the key file reads it).`);
  const verified = auditVerify(target);
  if (verified === 0) console.log(`Start the server with INTAKE_DB=${target}.`);
  return verified;
}

/** Replaces the database with a backup, after checking the backup's integrity and that our keys read it. */
export async function restore(dbPath: string, from: string): Promise<number> {
  if (!existsSync(from)) {
    console.error(`No backup at ${from}.`);
    return 2;
  }
  const release = acquireLock(dbPath, "restore", heldBy("restore"));
  try {
    return await restoreHeld(dbPath, from);
  } finally {
    release();
  }
}

async function restoreHeld(dbPath: string, from: string): Promise<number> {
  const problem = copyProblem(from, defaultKeysPath(dbPath));
  if (problem) {
    console.error(`${problem.message}; nothing was replaced.`);
    return 1;
  }
  if (existsSync(dbPath)) {
    const aside = `${dbPath}.before-restore-${Date.now()}`;
    createPrivateFile(aside);
    const current = new Database(dbPath);
    await current.backup(aside, { progress: () => ALL_PAGES });
    current.close();
    console.log(`The current database was kept at ${aside}.`);
  }
  createPrivateFile(dbPath);
  const source = new Database(from, { readonly: true });
  await source.backup(dbPath, { progress: () => ALL_PAGES });
  source.close();
  console.log(`Restored ${dbPath} from ${from}. Start the server again.`);
  return 0;
}

/**
 * Re-encrypts every encrypted column (the schema's list, ENCRYPTED_COLUMNS) under a new data key,
 * then retires the old keys once no row uses them. Refused while a server holds the database: it
 * would go on writing under the old key. A crash midway leaves the old keys in the key file (they
 * are retired last), and running the command again finishes the work.
 */
export function rotateDataKey(dbPath: string): number {
  const release = acquireLock(dbPath, "keys rotate", heldBy("rotate keys"));
  try {
    const keysPath = defaultKeysPath(dbPath);
    // Refuses a database without its key file; brings values stored in clear under encryption first.
    const db = openDb({ path: dbPath });
    try {
      const newId = addDataKey(keysPath);
      const fields = reencryptAll(db.$client, new FieldCipher(loadKeys(keysPath)));
      const left = rowsNotUnder(db.$client, newId);
      if (left.length > 0) {
        const where = left.map((c) => `${c.table}.${c.column} (${c.rows} rows)`).join(", ");
        console.error(`Rotation stopped: ${where} still use an older data key, so no key was retired; run keys rotate again.`);
        return 1;
      }
      const retired = retireDataKeys(keysPath, [newId]);
      console.log(`Data key rotated to ${newId}: ${fields} fields re-encrypted; data keys ${retired.join(", ") || "(none)"} retired from ${keysPath}.`);
      return 0;
    } finally {
      db.$client.close();
    }
  } finally {
    release();
  }
}
