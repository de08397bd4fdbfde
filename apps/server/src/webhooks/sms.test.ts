// Texts through the real server: Twilio's signed webhooks (signed with Twilio's own library) and
// sending through the official client to a stand-in of Twilio's Messages endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneIndexes, schema } from "@intake/db";
import { LISTED_LINE_E164 } from "@intake/domain";
import { ok, startServer, type Call, type TestServer } from "../testing/http.ts";
import { startStandInTwilio, TEST_ACCOUNT_SID, type StandInTwilio } from "../testing/twilioApi.ts";
import { deliverSigned, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from "../testing/twilioCallbacks.ts";
import { EMPTY_TWIML, TWILIO_SMS_INBOUND_PATH, TWILIO_SMS_STATUS_PATH } from "./twilio.ts";

let server: TestServer;
let twilioApi: StandInTwilio;
let coordinator: Call;
/** A line the clinic has that does not text. */
const VOICE_ONLY_LINE = "+18185550160";

beforeAll(async () => {
  twilioApi = await startStandInTwilio(TEST_AUTH_TOKEN);
  server = await startServer({
    telephony: { authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL, accountSid: TEST_ACCOUNT_SID, apiBase: twilioApi.url },
  });
  server.db.$client.prepare("update line set sms_enabled = 1 where number = ?").run(LISTED_LINE_E164);
  server.db.insert(schema.line).values({ number: VOICE_ONLY_LINE, label: "Billboard" }).run();
  // 10:00 am in the clinic (Pacific standard time).
  server.clock.now = new Date("2026-11-25T18:00:00Z");
  coordinator = await server.signIn("coordinator@iris.test");
});
afterAll(async () => {
  await server.close();
  await twilioApi.close();
});

let seq = 0;
const messageSid = () => `SM${(++seq).toString(16).padStart(32, "0")}`;
const inbound = (from: string, body: string, extra: Record<string, string> = {}) => ({
  ToCountry: "US",
  SmsMessageSid: "",
  NumMedia: "0",
  MessageSid: messageSid(),
  AccountSid: TEST_ACCOUNT_SID,
  From: from,
  To: LISTED_LINE_E164,
  Body: body,
  NumSegments: "1",
  ApiVersion: "2010-04-01",
  ...extra,
});
const receive = (p: Record<string, string>, opts: Parameters<typeof deliverSigned>[3] = {}) => deliverSigned(server.base, TWILIO_SMS_INBOUND_PATH, p, opts);
const messageCount = () => server.db.$client.prepare("select count(*) from message").pluck().get() as number;
const leadByPhone = (phone: string) =>
  server.db.$client
    .prepare("select id, status, source, text_consent as textConsent, channel, first_source as firstSource from lead where phone_index = ?")
    .get(phoneIndexes(server.db, phone).phoneIndex) as
    { id: number; status: string; source: string; textConsent: string; channel: string; firstSource: string | null } | undefined;
/** The audit entries the server wrote for one record (its id), by action. */
const entriesFor = (action: string, id: number) =>
  server.db.$client.prepare("select count(*) from audit_entry where action = ? and record_id = ?").pluck().get(action, String(id)) as number;
/** A stored text as the database holds it (the body encrypted). */
const messageRow = (id: number) =>
  server.db.$client.prepare("select direction, status, error_code as errorCode, provider_message_id as sid, body from message where id = ?").get(id) as {
    direction: string;
    status: string;
    errorCode: string | null;
    sid: string;
    body: string;
  };
const messagesOf = (leadId: number) => server.db.$client.prepare("select id from message where lead_id = ? order by id").pluck().all(leadId) as number[];
/** The automatic answer (HELP) goes out after the webhook answered: wait for the stand-in to see it. */
async function sentTo(to: string, count: number) {
  for (let i = 0; i < 100 && twilioApi.sent.filter((s) => s.form.To === to).length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return twilioApi.sent.filter((s) => s.form.To === to);
}

describe("POST /webhooks/sms/inbound", () => {
  it("refuses unsigned, mis-signed, tampered and other-line texts with 403, storing nothing", async () => {
    const before = messageCount();
    const good = inbound("+13235550111", "Hello");
    expect((await receive(good, { unsigned: true })).status).toBe(403);
    expect((await receive(good, { token: "0".repeat(32) })).status).toBe(403);
    expect((await receive({ ...good, Body: "Changed" }, { signWith: good })).status).toBe(403);
    expect((await receive(good, { url: `http://intake.example.org${TWILIO_SMS_INBOUND_PATH}` })).status).toBe(403);
    expect((await receive(inbound("+13235550111", "Hi", { To: "+12135550100" }))).status).toBe(403);
    expect((await receive(inbound("+13235550111", "Hi", { To: VOICE_ONLY_LINE }))).status).toBe(403);
    expect(messageCount()).toBe(before);
    expect(leadByPhone("+13235550111")).toBeUndefined();
  });

  it("a text from an unknown number starts a new lead from 'Text message', answers empty TwiML, and a retry stores nothing twice", async () => {
    const p = inbound("+13235550112", "Hi, I saw your ad. Can someone call me?");
    const res = await receive(p);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await res.text()).toBe(EMPTY_TWIML);
    const theLead = leadByPhone("+13235550112")!;
    // Come by text: channel `text`, the first touch "Text message" (docs/domain.md, "Channel and attribution").
    expect(theLead).toMatchObject({ status: "new", source: "Text message", textConsent: "unknown", channel: "text", firstSource: "Text message" });
    expect((await receive(p)).status).toBe(200);
    const ids = messagesOf(theLead.id);
    expect(ids).toHaveLength(1);
    expect(messageRow(ids[0]!)).toMatchObject({ direction: "inbound", status: "received", sid: p.MessageSid });
    // Stored with its audit entry by the writer, once: the retry wrote no second entry.
    expect(entriesFor("message.receive", ids[0]!)).toBe(1);
    // Encrypted at rest.
    expect(messageRow(ids[0]!).body).not.toContain("saw your ad");
    // A second text from the same number joins the same lead's thread.
    await receive(inbound("+13235550112", "Still there?"));
    expect(messagesOf(theLead.id)).toHaveLength(2);
    const thread = await ok<{ items: { kind: string; body?: string }[] }>(coordinator("message.thread", { leadId: theLead.id }));
    expect(thread.items.map((i) => i.body)).toEqual(["Hi, I saw your ad. Can someone call me?", "Still there?"]);
  });
});

describe("sending and consent", () => {
  it("STOP then a send is refused; START then a send goes to Twilio with body, from, to and StatusCallback", async () => {
    const phone = "+13235550113";
    await receive(inbound(phone, "START"));
    const leadId = leadByPhone(phone)!.id;
    expect(leadByPhone(phone)!.textConsent).toBe("granted");
    await receive(inbound(phone, "stop"));
    expect(leadByPhone(phone)!.textConsent).toBe("revoked");
    const refused = await coordinator("message.send", { leadId, body: "Can we call you at 3?" });
    expect(refused.error).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(refused.error!.message).toMatch(/opted out/);
    expect(await sentTo(phone, 0)).toEqual([]);

    await receive(inbound(phone, "Yes"));
    const sent = await ok<{ id: number; status: string }>(coordinator("message.send", { leadId, body: "Can we call you at 3?" }));
    expect(sent.status).toBe("queued");
    // Queued with the procedure's audit entry in one writer job, before the provider was called.
    expect(entriesFor("message.send", sent.id)).toBe(1);
    expect(messageRow(sent.id)).toMatchObject({ direction: "outbound", status: "queued" });
    const [out] = await sentTo(phone, 1);
    expect(out).toEqual({
      accountSid: TEST_ACCOUNT_SID,
      form: { Body: "Can we call you at 3?", From: LISTED_LINE_E164, To: phone, StatusCallback: `${TEST_PUBLIC_BASE_URL}${TWILIO_SMS_STATUS_PATH}` },
    });
    const thread = await ok<{ consent: { state: string; history: { state: string; source: string; keyword: string | null }[] } }>(
      coordinator("message.thread", { leadId }),
    );
    expect(thread.consent.state).toBe("granted");
    expect(thread.consent.history.map((h) => `${h.state}:${h.keyword}`)).toEqual(["granted:YES", "revoked:STOP", "granted:START"]);
  });

  it("a text the provider refuses is stored as failed with the provider's error code", async () => {
    const phone = "+13235550117";
    await receive(inbound(phone, "START"));
    twilioApi.blocked.add(phone);
    const refused = await ok<{ status: string; errorCode: string | null }>(
      coordinator("message.send", { leadId: leadByPhone(phone)!.id, body: "Are you still there?" }),
    );
    expect(refused).toMatchObject({ status: "failed", errorCode: "21610" });
  });

  it("HELP is answered with the clinic's help text, whatever the consent", async () => {
    const phone = "+13235550114";
    await receive(inbound(phone, "help"));
    const [reply] = await sentTo(phone, 1);
    expect(reply!.form.Body).toMatch(/^Iris Clinic: for help call \(818\) 805-2469/);
  });
});

describe("POST /webhooks/sms/status", () => {
  it("records MessageStatus and ErrorCode on our text when signed, never moving back; refuses unsigned", async () => {
    const phone = "+13235550116";
    await receive(inbound(phone, "START"));
    const leadId = leadByPhone(phone)!.id;
    const sent = await ok<{ id: number }>(coordinator("message.send", { leadId, body: "Hello from the clinic desk" }));
    const sid = messageRow(sent.id).sid;
    const report = (status: string, extra: Record<string, string> = {}) => ({
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: TEST_ACCOUNT_SID,
      From: LISTED_LINE_E164,
      To: phone,
      MessageStatus: status,
      SmsStatus: status,
      ApiVersion: "2010-04-01",
      ...extra,
    });
    const status = (p: Record<string, string>, opts: Parameters<typeof deliverSigned>[3] = {}) => deliverSigned(server.base, TWILIO_SMS_STATUS_PATH, p, opts);
    expect((await status(report("delivered"), { unsigned: true })).status).toBe(403);
    expect((await status({ ...report("sent"), MessageSid: messageSid() })).status).toBe(403);
    expect((await status(report("sent"))).status).toBe(204);
    expect((await status(report("delivered"))).status).toBe(204);
    expect((await status(report("sent"))).status).toBe(204);
    expect(messageRow(sent.id)).toMatchObject({ status: "delivered", errorCode: null });

    const failing = await ok<{ id: number }>(coordinator("message.send", { leadId, body: "Second note" }));
    const sid2 = messageRow(failing.id).sid;
    expect((await status({ ...report("undelivered", { ErrorCode: "30003" }), MessageSid: sid2, SmsSid: sid2 })).status).toBe(204);
    expect(messageRow(failing.id)).toMatchObject({ status: "undelivered", errorCode: "30003" });
  });
});

// Last: it moves the server clock on by hours.
describe("text hours", () => {
  it("refuses a text outside 8 am–9 pm clinic time, except a reply within 15 minutes of the caller's text", async () => {
    const phone = "+13235550115";
    await receive(inbound(phone, "START"));
    const leadId = leadByPhone(phone)!.id;
    server.clock.now = new Date("2026-11-26T06:00:00Z"); // 10 pm in the clinic, hours after their text
    const lateCoordinator = await server.signIn("coordinator@iris.test");
    const late = await lateCoordinator("message.send", { leadId, body: "Are you free tomorrow?" });
    expect(late.error).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(late.error!.message).toMatch(/8 am and 9 pm/);
    await receive(inbound(phone, "Sorry, can you text me?"));
    server.clock.now = new Date("2026-11-26T06:10:00Z");
    await ok(lateCoordinator("message.send", { leadId, body: "Of course. Tomorrow at 10?" }));
    server.clock.now = new Date("2026-11-26T06:16:00Z");
    expect((await lateCoordinator("message.send", { leadId, body: "Or 11?" })).error).toMatchObject({ code: "PRECONDITION_FAILED" });
  });
});
