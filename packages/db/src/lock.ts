// `<INTAKE_DB>.lock`: which process holds the database for work nothing else may overlap (serving, key rotation).
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { StartupError, explainFileError } from "./startup.ts";

export const lockPath = (dbPath: string) => `${resolve(dbPath)}.lock`;

interface Holder {
  pid: number;
  what: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !zombie(pid);
}

/**
 * A killed process whose parent died with it stays a zombie until something reaps it, and where
 * nothing does (a container whose first process reaps no orphans) it answers signals for ever. It
 * holds nothing: its lock is taken over like a dead process's.
 */
function zombie(pid: number): boolean {
  try {
    // The state follows the parenthesised command name, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

function readHolder(path: string): Holder | null {
  try {
    const [pid, what] = readFileSync(path, "utf8").split("\n");
    return { pid: Number(pid), what: what ?? "" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The live process (not this one) holding the database, if any; a lock left by a process that died is no one's. */
export function lockHolder(dbPath: string): Holder | null {
  const holder = readHolder(lockPath(dbPath));
  return holder && Number.isInteger(holder.pid) && holder.pid !== process.pid && alive(holder.pid) ? holder : null;
}

/**
 * Takes the lock for `what` ("server", "keys rotate"), or throws a one-line StartupError naming the
 * holder. A lock whose process is gone (killed, crashed) is taken over. Returns the release.
 * A pid file rather than flock: Node has no flock, and the pid lets the refusal say who to stop.
 */
export function acquireLock(dbPath: string, what: string, refusal: (holder: Holder, path: string) => string): () => void {
  const path = lockPath(dbPath);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw explainFileError(error, resolve(dbPath), "the database");
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${process.pid}\n${what}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw explainFileError(error, path, "the lock file");
      const holder = lockHolder(dbPath);
      if (holder) throw new StartupError(refusal(holder, path));
      // Left by a process that is gone: remove it and try once more (another starter may win the race; it then holds it).
      try {
        unlinkSync(path);
      } catch (gone) {
        if ((gone as NodeJS.ErrnoException).code !== "ENOENT") throw gone;
      }
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    if (readHolder(path)?.pid === process.pid) unlinkSync(path);
  };
  process.once("exit", release);
  return release;
}
