// Referring providers over real HTTP: one NPI names one provider, however many ask at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Call, type TestServer } from "./testing/http.ts";

let server: TestServer;
let coordinator: Call;
let scheduler: Call;
beforeAll(async () => {
  server = await startServer();
  [coordinator, scheduler] = await Promise.all([server.signIn("coordinator@iris.test"), server.signIn("scheduler@iris.test")]);
});
afterAll(() => server.close());

describe("referrer.create over HTTP", () => {
  it("the same NPI sent 40 times at once creates one provider; the others get a clear CONFLICT, never a server error", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? scheduler : coordinator)("referrer.create", { name: "Dr. Lena Ortiz", npi: "1234567893" })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => a.status)).toEqual(Array(39).fill(409));
    for (const a of refused) expect(a.error?.message).toBe("npi: Another referring provider already has this NPI: pick that one from the list instead.");
    expect(server.db.$client.prepare("select count(*) from referrer where npi = '1234567893'").pluck().get()).toBe(1);
  });
});
