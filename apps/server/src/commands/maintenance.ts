// Operator commands that keep the data safe: verify the audit trail, back up and restore, rotate the data key.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { verifyAudit } from "@intake/api";
import { restoreReplica } from "../replication.ts";
import { FieldCipher, addDataKey, defaultKeysPath, loadOrCreateKeys, openDb, retireDataKeys } from "@intake/db";

const ALL_PAGES = 0x7fffffff;

/** Every column that holds ciphertext, by table and its key column. */
export const ENCRYPTED_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  { table: "lead", key: "id", columns: ["phone"] },
  { table: "lead_event", key: "id", columns: ["reason"] },
  { table: "call", key: "id", columns: ["other_number", "notes"] },
  { table: "screening", key: "id", columns: ["answers", "notes"] },
  { table: "handoff", key: "id", columns: ["situation", "background", "assessment", "recommendation"] },
  { table: "clinical_note", key: "id", columns: ["note"] },
  { table: "checklist_item", key: "id", columns: ["waived_note"] },
  { table: "appointment_event", key: "id", columns: ["reason"] },
  { table: "task", key: "id", columns: ["note"] },
];

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
  if (existsSync(target)) {
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
  console.log(`Backup written to ${target} (integrity: ${String(check)}). The key file ${defaultKeysPath(dbPath)} is needed to read it: keep a copy of it apart from the backups.`);
  return check === "ok" ? 0 : 1;
}

/** Why a copy of the database cannot serve: SQLite's integrity check fails, or the key file cannot read it. */
export function copyProblem(file: string, keysPath: string): string | null {
  const candidate = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = candidate.pragma("integrity_check", { simple: true });
    if (check !== "ok") return `The copy fails SQLite's integrity check (${String(check)})`;
    const sample = candidate.prepare("select phone from lead limit 1").pluck().get() as string | undefined;
    if (sample !== undefined) {
      try {
        new FieldCipher(loadOrCreateKeys(keysPath)).decrypt(sample);
      } catch {
        return `The key file ${keysPath} cannot read the copy`;
      }
    }
    return null;
  } finally {
    candidate.close();
  }
}

/** Restores a copy from a Litestream replica into `target`, beside its key file, then checks it as the server will read it. */
export function restoreFromReplica(replicaUrl: string, target: string, timestamp?: string): number {
  const keysPath = defaultKeysPath(target);
  if (!existsSync(keysPath)) {
    console.error(`No key file at ${keysPath}. It is not in the replica: copy it there from where it is kept apart from the data, then restore again.`);
    return 1;
  }
  if (existsSync(target)) {
    console.error(`${target} already exists: restore to a new path (or move the old file aside first).`);
    return 2;
  }
  const restored = restoreReplica(replicaUrl, target, timestamp);
  if (!restored.ok) {
    console.error(`Litestream could not restore from the replica: ${restored.message}`);
    return 1;
  }
  const problem = copyProblem(target, keysPath);
  if (problem) {
    console.error(`${problem}: do not serve it.`);
    return 1;
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
  const problem = copyProblem(from, defaultKeysPath(dbPath));
  if (problem) {
    console.error(`${problem}; nothing was replaced.`);
    return 1;
  }
  if (existsSync(dbPath)) {
    const aside = `${dbPath}.before-restore-${Date.now()}`;
    const current = new Database(dbPath);
    await current.backup(aside, { progress: () => ALL_PAGES });
    current.close();
    console.log(`The current database was kept at ${aside}.`);
  }
  const source = new Database(from, { readonly: true });
  await source.backup(dbPath, { progress: () => ALL_PAGES });
  source.close();
  console.log(`Restored ${dbPath} from ${from}. Start the server again.`);
  return 0;
}

/** Re-encrypts every encrypted column under a new data key, then retires the old ones. */
export function rotateDataKey(dbPath: string): number {
  const keysPath = defaultKeysPath(dbPath);
  const before = new FieldCipher(loadOrCreateKeys(keysPath));
  const newId = addDataKey(keysPath);
  const cipher = new FieldCipher(loadOrCreateKeys(keysPath));
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  let fields = 0;
  try {
    db.transaction(() => {
      for (const { table, key, columns } of ENCRYPTED_COLUMNS) {
        for (const column of columns) {
          const rows = db.prepare(`select ${key} as k, ${column} as v from ${table} where ${column} is not null`).all() as { k: number; v: string }[];
          const update = db.prepare(`update ${table} set ${column} = ? where ${key} = ?`);
          for (const row of rows) {
            if (cipher.keyIdOf(row.v) === newId) continue;
            update.run(cipher.encrypt(before.decrypt(row.v)), row.k);
            fields++;
          }
        }
      }
    })();
  } finally {
    db.close();
  }
  retireDataKeys(keysPath, [newId]);
  console.log(`Data key rotated to ${newId}: ${fields} fields re-encrypted; older data keys retired from ${keysPath}.`);
  return 0;
}

