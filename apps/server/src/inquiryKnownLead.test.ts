// The public inquiry form against a lead the clinic already has: a stranger who knows a patient's
// phone number must not be able to change that patient's record through it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, startServer, type Call, type TestServer } from "./testing/http.ts";

let server: TestServer;
let coordinator: Call;
beforeAll(async () => {
  server = await startServer();
  coordinator = await server.signIn("coordinator@iris.test");
});
afterAll(() => server.close());

describe("POST /api/inquiries with a known patient's number", () => {
  it("does not give the patient's lead the email the form was sent with: it stays on the inquiry for the desk to confirm", async () => {
    const { lead } = await ok<{ lead: { id: number } }>(
      coordinator("call.log", {
        direction: "inbound",
        otherNumber: "(626) 555-0931",
        startedAt: server.clock.now,
        durationSeconds: 60,
        outcome: "connected",
        callerName: "Rosa Known",
      }),
      "call.log",
    );
    const posted = await fetch(`${server.base}/api/inquiries`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Rosa Known", phone: "(626) 555-0931", email: "someone.else@example.com" }),
    });
    expect(posted.status).toBe(202);
    const after = await ok<{ email: string | null }>(coordinator("lead.byId", { id: lead.id }), "lead.byId");
    expect(after.email).toBeNull();
    // The address is kept with the inquiry itself, where the desk reads it.
    const { reference } = (await posted.json()) as { reference: string };
    expect(server.db.$client.prepare("select lead_id from lead_touch where reference = ?").pluck().get(reference)).toBe(lead.id);
  });
});
