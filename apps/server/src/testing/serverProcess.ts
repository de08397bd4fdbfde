// The real server process (src/main.ts) on a fresh database, for tests that need what only the process
// does: read its configuration from the environment, run its database threads.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createUser } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase } from "@intake/db";
import type { Role } from "@intake/domain";

const SERVER_DIR = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  base: string;
  /** The database file the server opened. */
  dbPath: string;
  stop(): Promise<void>;
}

/**
 * Starts the server on a free port with the given environment: demo users (no demo leads) where the
 * server creates them (on loopback, behind no proxy), and `users` (password DEMO_PASSWORD) added to
 * the database beforehand, for a server that is reachable and so never has demo users.
 */
export async function startServerProcess(env: Record<string, string>, users: { email: string; role: Role }[] = []): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), "intake-process-"));
  const dbPath = join(dir, "intake.sqlite");
  if (users.length) {
    const db = openDb({ path: dbPath });
    seedBase(db);
    for (const u of users) await createUser(db, { ...u, name: u.email.split("@")[0]!, password: DEMO_PASSWORD });
    db.$client.close();
  }
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DEMO_LEADS: "0",
      PORT: "0",
      HOST: "127.0.0.1",
      INTAKE_DB: dbPath,
      LOG_FILE: join(dir, "server.log"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const base = await new Promise<string>((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const found = /running at (http:\/\/\S+?) /.exec(output);
      if (found) {
        clearTimeout(timer);
        resolveBase(found[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${output}`));
    });
  });
  return {
    base,
    dbPath,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM, and SIGKILL when it has not exited 5 s later. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}
