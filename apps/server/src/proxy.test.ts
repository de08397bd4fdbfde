// TRUST_PROXY over real HTTP against the real server process: only the proxies in front are believed,
// so a client cannot choose the address the audit trail records or the sign-in throttle counts.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@intake/db";
import { readEnv } from "./env.ts";
import { startServerProcess, type ServerProcess } from "./testing/serverProcess.ts";

const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

async function serverWith(trustProxy: string) {
  // Behind a proxy the server creates no demo users: the people signing in are added beforehand.
  const server = await startServerProcess({ TRUST_PROXY: trustProxy }, [
    { email: "coordinator@clinic.test", role: "coordinator" },
    { email: "scheduler@clinic.test", role: "scheduler" },
    { email: "clinician@clinic.test", role: "clinician" },
  ]);
  running.push(server);
  const signIn = (email: string, password: string, forwardedFor: string) =>
    fetch(`${server.base}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-intake-csrf": "1", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ json: { email, password } }),
    });
  const read = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  /** The address the audit trail recorded for the latest sign-in of that user. */
  const recordedAddress = async (email: string, forwardedFor: string) => {
    expect((await signIn(email, DEMO_PASSWORD, forwardedFor)).status).toBe(200);
    const [row] = read<{ ip: string | null }>(
      "select a.ip from audit_entry a join user u on u.id = a.record_id where a.action = 'auth.signIn' and u.email = ? order by a.seq desc limit 1",
      email,
    );
    return row?.ip;
  };
  return { signIn, read, recordedAddress };
}

/** 106 made-up addresses a client might put in front of its own. */
const madeUp = Array.from({ length: 106 }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`);

describe("TRUST_PROXY", () => {
  it("true trusts the nearest proxy only: what the client wrote in X-Forwarded-For changes neither the audit trail nor the throttle key", async () => {
    const server = await serverWith("true");
    // The proxy appends the address it saw (203.0.113.9) after whatever the client sent.
    expect(await server.recordedAddress("coordinator@clinic.test", "1.2.3.4, 203.0.113.9")).toBe("203.0.113.9");

    const answers = await Promise.all(madeUp.map((spoofed, i) => server.signIn(`nobody-${i}@clinic.test`, "not-the-password", `${spoofed}, 203.0.113.77`)));
    expect(answers.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    const keys = server.read<{ key: string }>("select key from sign_in_throttle where key like 'ip:%'").map((r) => r.key);
    expect(keys).toEqual(["ip:203.0.113.77"]);
    const addresses = server.read<{ ip: string }>("select distinct ip from audit_entry where action = 'auth.signIn' and record_id is null").map((r) => r.ip);
    expect(addresses).toEqual(["203.0.113.77"]);
  }, 60_000);

  it("a hop count trusts that many proxies, and no more", async () => {
    const server = await serverWith("2");
    expect(await server.recordedAddress("scheduler@clinic.test", "1.2.3.4, 203.0.113.9, 10.1.2.3")).toBe("203.0.113.9");
  }, 30_000);

  it("a list trusts those proxies' addresses only; a request from anywhere else is taken at its own address", async () => {
    const server = await serverWith("127.0.0.1, 10.0.0.0/8");
    expect(await server.recordedAddress("scheduler@clinic.test", "1.2.3.4, 203.0.113.9, 10.1.2.3")).toBe("203.0.113.9");
    const elsewhere = await serverWith("10.0.0.5");
    expect(await elsewhere.recordedAddress("scheduler@clinic.test", "1.2.3.4, 203.0.113.9")).toBe("127.0.0.1");
  }, 30_000);

  it("false, the default, believes no X-Forwarded-For at all", async () => {
    expect(readEnv({}).TRUST_PROXY).toBe(false);
    const server = await serverWith("false");
    expect(await server.recordedAddress("clinician@clinic.test", "1.2.3.4, 203.0.113.9")).toBe("127.0.0.1");
  }, 30_000);

  it("refuses a value it cannot read, saying what it takes", () => {
    expect(readEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(readEnv({ TRUST_PROXY: "10.0.0.5, 2001:db8::/32" }).TRUST_PROXY).toEqual(["10.0.0.5", "2001:db8::/32"]);
    for (const bad of ["yes", "10.0.0.300", "10.0.0.0/33", "10.0.0.5,,", "-1"]) {
      expect(() => readEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY is false, true \(one proxy\), a number of proxy hops/);
    }
  });
});
