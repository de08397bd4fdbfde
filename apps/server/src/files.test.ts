// The files the server and the command line create, and how they refuse files they cannot use: real processes, files on disk.
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, openDb, seedBase } from "@intake/db";
import { runCli, serverExit, startServer, trpc, type Exited } from "./testing/processes.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-files-"));
// Other users must reach the directories below to test what they cannot write.
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** The whole of stderr is one line, with no stack trace. */
function oneLine(result: Exited): string {
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

/** A database with rows in it, and its key file. */
function dbWithData(path: string): void {
  const db = openDb({ path });
  seedBase(db);
  db.$client.close();
}

describe("a database whose key file is missing", { timeout: 60_000 }, () => {
  it("is refused by the server and the command line in one line naming the key file; nothing is written", async () => {
    const original = join(dir, "original", "intake.sqlite");
    dbWithData(original);
    const copy = join(dir, "copied", "intake.sqlite");
    mkdirSync(dirname(copy));
    copyFileSync(original, copy);
    const before = readFileSync(copy);

    const server = await serverExit({ env: { INTAKE_DB: copy } });
    expect(server.code).toBe(1);
    expect(oneLine(server)).toBe(
      `The database ${copy} holds data but its key file ${copy}.keys is missing: restore that file from your backup of the key file (new keys could not read what is stored). Nothing was changed.`,
    );
    const cli = await runCli(["audit", "verify"], { env: { INTAKE_DB: copy } });
    expect(cli.code).toBe(1);
    expect(oneLine(cli)).toContain(`its key file ${copy}.keys is missing: restore that file from your backup`);

    expect(existsSync(`${copy}.keys`)).toBe(false);
    expect(existsSync(`${copy}.lock`)).toBe(false);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });
});

describe("files created", { timeout: 90_000 }, () => {
  it("the database, its -wal and -shm, the key file, backups and restored files are owner-only, in owner-only directories", async () => {
    const path = join(dir, "fresh", "data", "intake.sqlite");
    const env = { INTAKE_DB: path };
    const server = await startServer({ env });
    try {
      const cookie = (await trpc(server.base, "auth.signIn", { email: "coordinator@iris.test", password: DEMO_PASSWORD })).cookie;
      const logged = await trpc(
        server.base,
        "call.log",
        {
          direction: "inbound",
          otherNumber: "(818) 555-0171",
          startedAt: new Date().toISOString(),
          durationSeconds: 60,
          outcome: "connected",
          callerName: "Mo Des",
        },
        cookie,
      );
      expect(logged.status).toBe(200);
      for (const made of [join(dir, "fresh"), join(dir, "fresh", "data")]) expect(modeOf(made)).toBe("700");
      for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}.keys`, `${path}.lock`]) expect([file, modeOf(file)]).toEqual([file, "600"]);

      const target = join(dir, "backups", "nightly", "b.sqlite");
      expect((await runCli(["backup", target], { env })).code).toBe(0);
      expect(modeOf(target)).toBe("600");
      expect(modeOf(dirname(target))).toBe("700");
    } finally {
      await server.stop();
    }

    // Restored over the database (the current one kept aside), and into a new place.
    expect((await runCli(["restore", join(dir, "backups", "nightly", "b.sqlite")], { env })).code).toBe(0);
    const aside = readdirSync(dirname(path)).find((f) => f.includes(".before-restore-"))!;
    expect(modeOf(join(dirname(path), aside))).toBe("600");
    expect(modeOf(path)).toBe("600");
    const elsewhere = join(dir, "elsewhere", "intake.sqlite");
    mkdirSync(dirname(elsewhere), { mode: 0o700 });
    copyFileSync(`${path}.keys`, `${elsewhere}.keys`);
    expect((await runCli(["restore", join(dir, "backups", "nightly", "b.sqlite")], { env: { INTAKE_DB: elsewhere } })).code).toBe(0);
    expect(modeOf(elsewhere)).toBe("600");
  });
});

describe("a database the process cannot write", { timeout: 60_000 }, () => {
  it("a path through a regular file: one line naming the path and what to change", async () => {
    writeFileSync(join(dir, "not-a-directory"), "");
    const path = join(dir, "not-a-directory", "intake.sqlite");
    const server = await serverExit({ env: { INTAKE_DB: path } });
    expect(server.code).toBe(1);
    expect(oneLine(server)).toBe(
      `Cannot write the database ${path} (EEXIST): a part of that path is a file where a directory is expected (or the reverse): choose another path.`,
    );
    const cli = await runCli(["user", "list"], { env: { INTAKE_DB: path } });
    expect(cli.code).toBe(1);
    expect(oneLine(cli)).toContain(`Cannot write the database ${path} (EEXIST): a part of that path is a file`);
  });

  // Permission bits do not stop root: as root the server runs as another user (setpriv), which owns what it may write.
  const asRoot = process.getuid?.() === 0;
  const other = asRoot ? 65534 : undefined;
  const giveAway = (path: string) => (asRoot ? chownSync(path, 65534, 65534) : undefined);

  /** A database with data and its key file, the other user's except for the part made read-only. */
  function readOnlyDb(name: string, readOnly: "file" | "directory"): string {
    const folder = join(dir, name);
    const path = join(folder, "intake.sqlite");
    dbWithData(path);
    giveAway(`${path}.keys`);
    giveAway(readOnly === "file" ? folder : path);
    chmodSync(readOnly === "file" ? path : folder, readOnly === "file" ? 0o444 : 0o555);
    return path;
  }

  it("a read-only database file in a writable directory: one line naming the file", async () => {
    const path = readOnlyDb("ro-file", "file");
    const server = await serverExit({ env: { INTAKE_DB: path }, uid: other });
    expect(server.code).toBe(1);
    expect(oneLine(server)).toBe(
      `Cannot write the database ${path} (EACCES): give the user running Iris Intake write access to that file and write access to its directory (SQLite writes -wal and -shm files beside it), or choose another path.`,
    );
  });

  it("a read-only directory: one line naming what to change", async () => {
    const path = readOnlyDb("ro-dir", "directory");
    const server = await serverExit({ env: { INTAKE_DB: path }, uid: other });
    const cli = await runCli(["user", "list"], { env: { INTAKE_DB: path }, uid: other });
    chmodSync(dirname(path), 0o755);
    expect(server.code).toBe(1);
    // The server first takes its lock beside the database; a command that takes none meets the directory itself.
    expect(oneLine(server)).toMatch(
      new RegExp(
        `^Cannot write the lock file ${path}\\.lock \\(EACCES\\): give the user running Iris Intake write access to that file and write access to its directory`,
      ),
    );
    expect(cli.code).toBe(1);
    expect(oneLine(cli)).toMatch(
      new RegExp(
        `^Cannot write the database ${path} \\(EACCES\\): give the user running Iris Intake write access to that file and write access to its directory`,
      ),
    );
  });
});
