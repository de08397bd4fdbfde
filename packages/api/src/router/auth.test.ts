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
    const ids = h.db
      .select({ id: schema.session.id })
      .from(schema.session)
      .all()
      .map((r) => r.id);
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
      // Five wrong passwords were checked: a sixth is not.
      expect(await codeOf(caller.auth.signIn({ email, password: "wrong-password-x" }))).toBe("TOO_MANY_REQUESTS");
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

describe("each authenticator code signs in once", () => {
  // A harness of its own: these tests move the admin's last used step and replace an authenticator.
  let fresh: Harness;
  beforeAll(async () => {
    fresh = await createHarness();
  });
  afterAll(() => fresh.close());

  const signInAdmin = (code: string, ip = "10.2.0.1") => fresh.anonymous(ip).caller.auth.signIn({ email: "admin@iris.test", password: TEST_PASSWORD, code });
  const lastStep = () => fresh.db.$client.prepare("select totp_last_step from user where email = 'admin@iris.test'").pluck().get();
  const at = (offsetMs: number) => new Date(fresh.clock.now.getTime() + offsetMs);

  it("the same code twice is refused the second time, in the words used for a wrong code", async () => {
    const code = adminCode(fresh.clock.now);
    expect((await signInAdmin(code)).role).toBe("admin");
    expect(lastStep()).toBe(totpStep(fresh.clock.now));
    const replayed = await errorOf(signInAdmin(code, "10.2.0.2"));
    const wrong = await errorOf(signInAdmin("000000", "10.2.0.3"));
    expect(replayed.code).toBe("UNAUTHORIZED");
    expect(replayed.message).toBe(wrong.message);
    expect(replayed.message).toMatch(/wait for the next/);
    // Still refused later in the step, and the refusal does not move what was used.
    fresh.clock.advanceSeconds(10);
    expect(await codeOf(signInAdmin(code, "10.2.0.4"))).toBe("UNAUTHORIZED");
    expect(lastStep()).toBe(totpStep(at(-10_000)));
  });

  it("the next step's code then works, and a code from an earlier step than the last used does not", async () => {
    fresh.clock.advanceSeconds(30);
    const step = totpStep(fresh.clock.now);
    expect((await signInAdmin(adminCode(fresh.clock.now))).role).toBe("admin");
    expect(lastStep()).toBe(step);
    // The step before is inside the drift allowance, and was never used, but is older than the last.
    expect(await codeOf(signInAdmin(adminCode(at(-30_000)), "10.2.0.5"))).toBe("UNAUTHORIZED");
    // A code from a clock running ahead uses up the step it belongs to: the current code is then refused too.
    expect((await signInAdmin(adminCode(at(30_000)), "10.2.0.6")).role).toBe("admin");
    expect(lastStep()).toBe(step + 1);
    expect(await codeOf(signInAdmin(adminCode(fresh.clock.now), "10.2.0.7"))).toBe("UNAUTHORIZED");
  });

  it("of two sign-ins racing with one code, only one gets in", async () => {
    fresh.clock.advanceSeconds(60);
    const code = adminCode(fresh.clock.now);
    const results = await Promise.allSettled([signInAdmin(code, "10.2.0.8"), signInAdmin(code, "10.2.0.9")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/code is not right/) });
  });

  it("a wrong password does not use up the code", async () => {
    fresh.clock.advanceSeconds(30);
    const code = adminCode(fresh.clock.now);
    const before = lastStep();
    expect(await codeOf(fresh.anonymous("10.2.0.10").caller.auth.signIn({ email: "admin@iris.test", password: "wrong-password-zz", code }))).toBe(
      "UNAUTHORIZED",
    );
    expect(lastStep()).toBe(before);
    expect((await signInAdmin(code, "10.2.0.11")).role).toBe("admin");
  });

  it("a new authenticator starts with no code used, so its code for this step works", async () => {
    expect(lastStep()).toBe(totpStep(fresh.clock.now));
    const { secret } = setAuthenticator(fresh.db, "admin@iris.test");
    expect(lastStep()).toBeNull();
    expect((await signInAdmin(totpCode(secret, totpStep(fresh.clock.now)), "10.2.0.12")).role).toBe("admin");
    expect(lastStep()).toBe(totpStep(fresh.clock.now));
  });
});

describe("signing the test admin in again", () => {
  it("moves the harness clock on to an unused code only when the current one has signed in", async () => {
    const own = await createHarness();
    try {
      const start = own.clock.now.getTime();
      await own.as("admin");
      expect(own.clock.now.getTime()).toBe(start);
      await own.as("admin");
      expect(own.clock.now.getTime()).toBe(start + 30_000);
      own.clock.advanceMinutes(5);
      const later = own.clock.now.getTime();
      await own.as("admin");
      expect(own.clock.now.getTime()).toBe(later);
    } finally {
      own.close();
    }
  });
});
