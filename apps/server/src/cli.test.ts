import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDb } from "@intake/db";
import { run } from "./cli.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-cli-"));
process.env.INTAKE_DB = join(dir, "cli.sqlite");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pnpm intake user add", () => {
  it("gives an admin an authenticator and prints its secret once", async () => {
    const out: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((msg: string) => void out.push(msg));
    expect(await run(["user", "add", "--email", "boss@clinic.org", "--name", "Bo Boss", "--role", "admin", "--password", "a-long-password-2"])).toBe(0);
    expect(await run(["user", "totp", "--email", "nurse-x@clinic.org"])).toBe(1);
    spy.mockRestore();
    expect(out.join("\n")).toMatch(/Authenticator secret .*: [A-Z2-7]{32}/);
    expect(out.join("\n")).toMatch(/otpauth:\/\/totp\//);
  });

  it("adds a user with an argon2id password hash", async () => {
    const code = await run(["user", "add", "--email", "Nurse@Clinic.org", "--name", "Nia Nurse", "--role", "clinician", "--password", "a-long-password-1"]);
    expect(code).toBe(0);
    const db = openDb({ path: process.env.INTAKE_DB! });
    const row = db.$client.prepare("select email, role, password_hash as hash from user where email = 'nurse@clinic.org'").get() as {
      email: string;
      role: string;
      hash: string;
    };
    db.$client.close();
    expect(row).toMatchObject({ email: "nurse@clinic.org", role: "clinician" });
    expect(row.hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a duplicate, an unknown role and a short password with a clear message", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((msg: string) => void errors.push(msg));
    expect(await run(["user", "add", "--email", "nurse@clinic.org", "--name", "N", "--role", "clinician", "--password", "a-long-password-1"])).toBe(1);
    expect(await run(["user", "add", "--email", "x@clinic.org", "--name", "X", "--role", "wizard", "--password", "short"])).toBe(2);
    spy.mockRestore();
    expect(errors.join("\n")).toMatch(/already exists/);
    expect(errors.join("\n")).toMatch(/role: Role must be one of/);
    expect(errors.join("\n")).toMatch(/password: Password must be at least 12/);
  });
});

describe("pnpm intake user totp", () => {
  it("replaces the authenticator, and none of the new one's codes counts as used", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(await run(["user", "add", "--email", "deputy@clinic.org", "--name", "Dee Deputy", "--role", "admin", "--password", "a-long-password-3"])).toBe(0);
    const db = openDb({ path: process.env.INTAKE_DB! });
    const row = () =>
      db.$client.prepare("select totp_secret as secret, totp_last_step as lastStep from user where email = 'deputy@clinic.org'").get() as {
        secret: string;
        lastStep: number | null;
      };
    // As after a sign-in with the old authenticator.
    db.$client.prepare("update user set totp_last_step = 99999999 where email = 'deputy@clinic.org'").run();
    const before = row();
    expect(await run(["user", "totp", "--email", "deputy@clinic.org"])).toBe(0);
    const after = row();
    db.$client.close();
    spy.mockRestore();
    expect(after.secret).not.toBe(before.secret);
    expect(after.lastStep).toBeNull();
  });
});

describe("pnpm intake help", () => {
  it("lists every command, seed included", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((msg: string) => void errors.push(msg));
    expect(await run(["help"])).toBe(0);
    spy.mockRestore();
    const usage = errors.join("\n");
    for (const command of ["user add", "setup", "audit verify", "backup", "restore", "keys rotate", "seed --leads"]) expect(usage).toContain(`  ${command}`);
  });
});
