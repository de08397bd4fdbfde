import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { adminCode, codeOf, createHarness, errorOf, TEST_PASSWORD, type Harness } from "../testing/harness.ts";
import { setAuthenticator } from "../services/user.ts";
import { totpCode, totpStep } from "../services/totp.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("auth", () => {
  it("signs in, sets the session cookie and says who is signed in", async () => {
    const { caller, jar } = h.anonymous();
    const user = await caller.auth.signIn({ email: "Coordinator@IRIS.test ", password: TEST_PASSWORD });
    expect(user).toMatchObject({ email: "coordinator@iris.test", role: "coordinator" });
    expect(jar.token).toMatch(/^[\w-]{40,}$/);
    expect(await caller.auth.me()).toEqual({ id: user.id, email: "coordinator@iris.test", name: "Test coordinator", role: "coordinator" });
  });

  it("stores only a hash of the token", async () => {
    const { caller, jar } = h.anonymous();
    await caller.auth.signIn({ email: "manager@iris.test", password: TEST_PASSWORD });
    const ids = h.db.select({ id: schema.session.id }).from(schema.session).all().map((r) => r.id);
    expect(ids).not.toContain(jar.token);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
  });

  it("gives the same answer for a wrong password and an unknown user", async () => {
    const wrong = await errorOf(h.anonymous().caller.auth.signIn({ email: "coordinator@iris.test", password: "nope-nope-nope" }));
    const unknown = await errorOf(h.anonymous().caller.auth.signIn({ email: "nobody@iris.test", password: "nope-nope-nope" }));
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(unknown.code).toBe("UNAUTHORIZED");
    expect(unknown.message).toBe(wrong.message);
  });

  it("rejects a malformed email as bad input", async () => {
    expect(await codeOf(h.anonymous().caller.auth.signIn({ email: "not-an-email", password: "x" }))).toBe("BAD_REQUEST");
  });

  it("without a session, me is refused", async () => {
    expect(await codeOf(h.anonymous().caller.auth.me())).toBe("UNAUTHORIZED");
  });

  it("sign-out ends the session on the server, not just the cookie", async () => {
    const { caller, jar } = h.anonymous();
    await caller.auth.signIn({ email: "clinician@iris.test", password: TEST_PASSWORD });
    const stolen = jar.token;
    await caller.auth.signOut();
    expect(jar.token).toBeNull();
    jar.token = stolen; // replaying the old cookie must not work
    expect(await codeOf(caller.auth.me())).toBe("UNAUTHORIZED");
  });

  it("logs off after 15 idle minutes, but activity keeps the session alive", async () => {
    const { caller } = h.anonymous();
    await caller.auth.signIn({ email: "scheduler@iris.test", password: TEST_PASSWORD });
    h.clock.advanceMinutes(14);
    await caller.auth.me();
    h.clock.advanceMinutes(14);
    await caller.auth.me();
    h.clock.advanceMinutes(16);
    const expired = await errorOf(caller.auth.me());
    expect(expired.code).toBe("UNAUTHORIZED");
    expect(expired.message).toMatch(/expired/);
  });

  it("requests made while nobody is at the screen do not keep a session alive", async () => {
    const { caller, jar } = h.anonymous();
    await caller.auth.signIn({ email: "clinician@iris.test", password: TEST_PASSWORD });
    // The dashboard's live refreshes keep coming, but no one has touched keyboard or mouse.
    for (let minute = 5; minute <= 15; minute += 5) {
      h.clock.advanceMinutes(5);
      jar.idleMs = minute * 60_000;
      if (minute < 15) await caller.auth.me();
    }
    h.clock.advanceMinutes(1);
    expect(await codeOf(caller.auth.me())).toBe("UNAUTHORIZED");

    // Someone at the keyboard does keep it alive.
    const active = h.anonymous();
    await active.caller.auth.signIn({ email: "clinician@iris.test", password: TEST_PASSWORD });
    for (let i = 0; i < 4; i++) {
      h.clock.advanceMinutes(5);
      active.jar.idleMs = 2_000;
      await active.caller.auth.me();
    }
  });

  it("ends any session 12 hours after sign-in however active", async () => {
    const { caller } = h.anonymous();
    await caller.auth.signIn({ email: "manager@iris.test", password: TEST_PASSWORD });
    for (let minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
      h.clock.advanceMinutes(10);
      await caller.auth.me();
    }
    h.clock.advanceMinutes(10);
    expect(await codeOf(caller.auth.me())).toBe("UNAUTHORIZED");
  });
});

describe("sign-in back-off", () => {
  it("after five failures an account waits, longer each time, and an unknown email is treated the same", async () => {
    for (const email of ["scheduler@iris.test", "ghost@iris.test"]) {
      const { caller } = h.anonymous(`10.0.0.${email.length}`);
      for (let i = 0; i < 5; i++) {
        expect(await codeOf(caller.auth.signIn({ email, password: "wrong-password-x" }))).toBe("UNAUTHORIZED");
      }
      expect(await codeOf(caller.auth.signIn({ email, password: "wrong-password-x" }))).toBe("UNAUTHORIZED");
      const locked = await errorOf(caller.auth.signIn({ email, password: TEST_PASSWORD }));
      expect(locked.code).toBe("TOO_MANY_REQUESTS");
      expect(locked.message).toMatch(/Try again in 1 minute/);
      h.clock.advanceMinutes(1);
    }
    // Once the wait is over, the right password works and clears the count.
    const { caller } = h.anonymous("10.0.0.99");
    expect((await caller.auth.signIn({ email: "scheduler@iris.test", password: TEST_PASSWORD })).role).toBe("scheduler");
  });

  it("throttles an address trying many accounts", async () => {
    const { caller } = h.anonymous("192.0.2.7");
    for (let i = 0; i < 21; i++) await codeOf(caller.auth.signIn({ email: `nobody${i}@iris.test`, password: "x-x-x-x-x" }));
    expect(await codeOf(caller.auth.signIn({ email: "manager@iris.test", password: TEST_PASSWORD }))).toBe("TOO_MANY_REQUESTS");
  });
});

describe("second factor", () => {
  it("an admin signs in only with the code from their authenticator", async () => {
    const { caller, jar } = h.anonymous("10.1.0.1");
    const missing = await errorOf(caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD }));
    expect(missing.code).toBe("UNAUTHORIZED");
    expect(missing.message).toMatch(/6-digit code/);
    const wrong = await errorOf(caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD, code: "000000" }));
    expect(wrong.message).toMatch(/code is not right/);
    expect(jar.token).toBeNull();
    expect(await codeOf(caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD, code: "12345" }))).toBe("BAD_REQUEST");
    // A code from 30 s ago still works (clock drift); one from two minutes ago does not.
    const old = new Date(h.clock.now.getTime() - 120_000);
    expect(await codeOf(caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD, code: adminCode(old) }))).toBe("UNAUTHORIZED");
    const user = await caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD, code: adminCode(new Date(h.clock.now.getTime() - 30_000)) });
    expect(user.role).toBe("admin");
  });

  it("the code is asked only after the right password, so it reveals nothing to a guesser", async () => {
    const { caller } = h.anonymous("10.1.0.2");
    const e = await errorOf(caller.auth.signIn({ email: "admin@iris.test", password: "wrong-password-zz" }));
    expect(e.message).toBe("Email or password is not right.");
  });

  it("an admin without an authenticator cannot sign in; any other user may opt in", async () => {
    h.db.$client.prepare("update user set totp_secret = null where email = 'admin@iris.test'").run();
    const noAuth = await errorOf(h.anonymous("10.1.0.3").caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD }));
    expect(noAuth.message).toMatch(/no authenticator/);

    const { secret, otpauthUrl } = setAuthenticator(h.db, "clinician@iris.test");
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Iris%20Intake%3Aclinician%40iris.test\?secret=/);
    const { caller } = h.anonymous("10.1.0.4");
    expect(await codeOf(caller.auth.signIn({ email: "clinician@iris.test", password: TEST_PASSWORD }))).toBe("UNAUTHORIZED");
    const signedIn = await caller.auth.signIn({ email: "clinician@iris.test", password: TEST_PASSWORD, code: totpCode(secret, totpStep(h.clock.now)) });
    expect(signedIn.role).toBe("clinician");
    // The secret is stored encrypted.
    expect(h.db.$client.prepare("select totp_secret from user where email = 'clinician@iris.test'").pluck().get()).toMatch(/^enc1:/);
  });
});
