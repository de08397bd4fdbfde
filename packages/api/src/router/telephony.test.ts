import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderCallEvent } from "@intake/domain";
import { recordProviderCall } from "../services/telephony.ts";
import { codeOf, createHarness, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
});
afterAll(() => h.close());

const event = (id: string, status: ProviderCallEvent["status"], extra: Partial<ProviderCallEvent> = {}): ProviderCallEvent => ({
  provider: "twilio",
  providerCallId: id,
  direction: "inbound",
  lineNumber: "+18188052469",
  otherNumber: "+16195550140",
  status,
  at: h.clock.now,
  ...extra,
});

describe("calls the phone system logs", () => {
  it("show as live while ringing, then the coordinator completes the ended call instead of typing it", async () => {
    const ringing = recordProviderCall(h.db, event("CA1", "ringing"), h.clock.now, h.events);
    expect((await coordinator["call.live"]()).items.map((c) => [c.id, c.state])).toContainEqual([ringing.id, "ringing"]);
    expect(await codeOf(coordinator["call.complete"]({ id: ringing.id, notes: "x" }))).toBe("CONFLICT");

    recordProviderCall(h.db, event("CA1", "completed", { durationSeconds: 300, at: new Date(h.clock.now.getTime() + 310_000) }), h.clock.now, h.events);
    const done = await coordinator["call.complete"]({ id: ringing.id, callerName: "Ines Phone", notes: "Neck pain 8 months" });
    expect(done.call).toMatchObject({ notes: "Neck pain 8 months", needsCompletion: false, outcome: "connected", durationSeconds: 300 });
    expect(done.lead).toMatchObject({ name: "Ines Phone", phone: "+16195550140", status: "contacting" });
    expect((await coordinator["call.live"]()).items.map((c) => c.id)).not.toContain(ringing.id);
    expect(await codeOf(coordinator["call.complete"]({ id: ringing.id }))).toBe("CONFLICT");

    // The next call from that number is recognised while it rings.
    const again = recordProviderCall(h.db, event("CA2", "ringing"), h.clock.now, h.events);
    expect(again.leadId).toBe(done.lead!.id);
    expect((await coordinator["call.live"]()).items.find((c) => c.id === again.id)).toMatchObject({ leadName: "Ines Phone" });
  });

  it("admins add lines; a duplicate number is refused", async () => {
    const admin = await h.as("admin");
    const created = await admin.line.create({ number: "(818) 555-0151", label: "Radio ad", source: "Radio", webhookSecretRef: "TWILIO_AUTH_TOKEN" });
    expect(created).toMatchObject({ number: "+18185550151", label: "Radio ad", source: "Radio" });
    expect(await codeOf(admin.line.create({ number: "818-555-0151", label: "Again" }))).toBe("CONFLICT");
    expect(await codeOf(admin.line.create({ number: "818-555-0152", label: "Bad", webhookSecretRef: "the token itself" }))).toBe("BAD_REQUEST");
  });
});
