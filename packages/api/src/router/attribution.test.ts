// Channel and attribution: a call to a line counts as the line's source, a website inquiry as its
// own touch, and the funnel and its reports filter and group a known cohort by channel, medium and campaign.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InquiryInput, type InquiryForm } from "@intake/domain";
import { receiveInquiry } from "../services/inquiry.ts";
import { createHarness, codeOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let manager: Awaited<ReturnType<Harness["as"]>>;
let adsLine: number;
let phoneSeq = 100;
const newPhone = () => `(626) 555-${String(phoneSeq++).padStart(4, "0")}`;

beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
  manager = await h.as("manager");
  const admin = await h.as("admin");
  adsLine = (await admin.line.create({ number: "(818) 555-0777", label: "Ads line", source: "Google Ads" })).id;
});
afterAll(() => h.close());

/** What the website's form does for one person (the HTTP side is apps/server/src/inquiries.test.ts). */
function inquire(form: Partial<InquiryForm>) {
  return receiveInquiry(h.db, InquiryInput.parse({ name: "Web Person", phone: newPhone(), ...form }), h.clock.now, h.events);
}

describe("a lead's channel and touches", () => {
  it("a lead a call starts comes in by call, its first and last touch the line's source", async () => {
    const { lead } = await coordinator["call.log"]({
      direction: "inbound",
      otherNumber: newPhone(),
      startedAt: h.clock.now,
      durationSeconds: 60,
      outcome: "connected",
      lineId: adsLine,
    });
    const read = await coordinator.lead.byId({ id: lead!.id });
    expect(read).toMatchObject({
      channel: "call",
      source: "Google Ads",
      firstTouch: { source: "Google Ads", medium: null, at: h.clock.now },
      lastTouch: { source: "Google Ads" },
    });
  });

  it("a web lead who later calls a line keeps the web first touch; the call is its last touch, from the line's source", async () => {
    const phone = newPhone();
    const { leadId } = receiveInquiry(
      h.db,
      InquiryInput.parse({ name: "Web Then Call", phone, utm_source: "facebook", utm_medium: "paid_social", utm_campaign: "spring" }),
      h.clock.now,
      h.events,
    );
    h.clock.advanceMinutes(10);
    const startedAt = h.clock.now;
    await coordinator["call.log"]({ direction: "inbound", otherNumber: phone, startedAt, durationSeconds: 60, outcome: "connected", lineId: adsLine });
    const read = await coordinator.lead.byId({ id: leadId });
    expect(read).toMatchObject({
      channel: "web",
      source: "facebook",
      firstTouch: { source: "facebook", medium: "paid_social", campaign: "spring" },
      lastTouch: { source: "Google Ads", medium: null, campaign: null, at: startedAt },
    });
    // An outbound call (the desk calling back) is no touch of theirs.
    h.clock.advanceMinutes(5);
    await coordinator["call.log"]({ direction: "outbound", otherNumber: phone, startedAt: h.clock.now, durationSeconds: 60, outcome: "connected" });
    expect((await coordinator.lead.byId({ id: leadId })).lastTouch.at).toEqual(startedAt);
  });

  it("a call typed in afterwards, which began before the lead's last touch, leaves that touch as the last", async () => {
    const phone = newPhone();
    const earlier = h.clock.now;
    h.clock.advanceMinutes(10);
    const { leadId } = receiveInquiry(h.db, InquiryInput.parse({ name: "Call Then Web", phone, utm_source: "newsletter" }), h.clock.now, h.events);
    const inquiredAt = h.clock.now;
    await coordinator["call.log"]({ direction: "inbound", otherNumber: phone, startedAt: earlier, durationSeconds: 60, outcome: "connected", lineId: adsLine });
    expect((await coordinator.lead.byId({ id: leadId })).lastTouch).toMatchObject({ source: "newsletter", at: inquiredAt });
    // A later inbound call is the last touch again, and an inquiry that began before it does not replace it.
    h.clock.advanceMinutes(5);
    const calledAt = h.clock.now;
    await coordinator["call.log"]({
      direction: "inbound",
      otherNumber: phone,
      startedAt: calledAt,
      durationSeconds: 60,
      outcome: "connected",
      lineId: adsLine,
    });
    expect((await coordinator.lead.byId({ id: leadId })).lastTouch).toMatchObject({ source: "Google Ads", at: calledAt });
  });

  it("an inquiry without UTM parameters is attributed to the ad click, the referring site or the website itself", () => {
    const touch = (form: Partial<InquiryForm>) => {
      const { leadId } = inquire(form);
      return h.db.$client.prepare("select first_source as source, first_medium as medium from lead where id = ?").get(leadId);
    };
    expect(touch({ gclid: "Cj0KCQ" })).toEqual({ source: "google", medium: "cpc" });
    expect(touch({ referrer: "https://www.healthblog.example/tms", landingPage: "https://clinic.example/tms" })).toEqual({
      source: "healthblog.example",
      medium: "referral",
    });
    expect(touch({ referrer: "https://clinic.example/", landingPage: "https://clinic.example/tms" })).toEqual({ source: "website", medium: null });
    expect(touch({})).toEqual({ source: "website", medium: null });
  });
});

describe("the funnel by channel, medium and campaign", () => {
  it("counts a known cohort exactly per campaign, medium and channel, in funnel.get, funnel.leads and the reports", async () => {
    // The next day's cohort, so the leads above stay out of it.
    h.clock.now = new Date("2026-11-27T18:00:00.000Z");
    // Sessions end after 12 hours: sign in again on the new day.
    coordinator = await h.as("coordinator");
    manager = await h.as("manager");
    const cohort = { from: "2026-11-27", to: "2026-11-28" };
    const made: Record<string, number[]> = {};
    const add = (key: string, form: Partial<InquiryForm>, times: number) => {
      for (let i = 0; i < times; i++) (made[key] ??= []).push(inquire(form).leadId);
    };
    add("spring/cpc", { utm_source: "google", utm_medium: "cpc", utm_campaign: "spring" }, 4);
    add("spring/social", { utm_source: "facebook", utm_medium: "paid_social", utm_campaign: "spring" }, 2);
    add("fall/email", { utm_source: "newsletter", utm_medium: "email", utm_campaign: "fall" }, 3);
    add("none", {}, 1);
    // Two call leads on the same day: channel call, no campaign.
    for (let i = 0; i < 2; i++) {
      await coordinator["call.log"]({
        direction: "inbound",
        otherNumber: newPhone(),
        startedAt: h.clock.now,
        durationSeconds: 60,
        outcome: "connected",
        lineId: adsLine,
      });
    }
    // The same person twice is one lead: no double count.
    const repeat = newPhone();
    inquire({ phone: repeat, utm_medium: "cpc", utm_campaign: "spring" });
    inquire({ phone: repeat, utm_medium: "email", utm_campaign: "fall" });

    const inquiries = async (filter: Record<string, string>) => (await manager.funnel.get({ ...cohort, ...filter })).stages[0]!.count;
    expect(await inquiries({})).toBe(4 + 2 + 3 + 1 + 2 + 1);
    // Counted by the first touch.
    expect(await inquiries({ campaign: "spring" })).toBe(7);
    expect(await inquiries({ campaign: "fall" })).toBe(3);
    expect(await inquiries({ medium: "cpc" })).toBe(5);
    expect(await inquiries({ medium: "cpc", campaign: "spring" })).toBe(5);
    expect(await inquiries({ channel: "web" })).toBe(11);
    expect(await inquiries({ channel: "call" })).toBe(2);
    expect(await inquiries({ channel: "referral" })).toBe(0);
    expect(await inquiries({ channel: "web", campaign: "fall", medium: "email" })).toBe(3);

    // Stages below inquiry follow the filter too: one spring lead reached contacting.
    await coordinator["call.log"]({
      direction: "outbound",
      otherNumber: "(626) 555-0100",
      startedAt: h.clock.now,
      durationSeconds: 30,
      outcome: "connected",
      leadId: made["spring/cpc"]![0]!,
    });
    const spring = await manager.funnel.get({ ...cohort, campaign: "spring" });
    expect(spring.stages.find((s) => s.stage === "contacted")!.count).toBe(1);
    expect((await manager.funnel.get({ ...cohort, campaign: "fall" })).stages.find((s) => s.stage === "contacted")!.count).toBe(0);

    const leads = await manager.funnel.leads({ ...cohort, campaign: "fall", stage: "inquiry" });
    expect(leads.total).toBe(3);
    expect(leads.items.map((l) => l.id).sort()).toEqual([...made["fall/email"]!].sort());

    const byCampaign = await manager.report.byCampaign(cohort);
    expect(byCampaign.groups.map((g) => [g.campaign, g.funnel.stages[0]!.count])).toEqual([
      ["spring", 7],
      ["fall", 3],
      // The inquiry without a campaign and the two calls.
      [null, 3],
    ]);
    expect(byCampaign.total).toEqual(await manager.funnel.get(cohort));
    const byChannel = await manager.report.byChannel(cohort);
    expect(byChannel.groups.map((g) => [g.channel, g.label, g.funnel.stages[0]!.count])).toEqual([
      ["web", "Website", 11],
      ["call", "Phone call", 2],
    ]);
    expect((await manager.report.byChannel({ ...cohort, campaign: "spring" })).groups.map((g) => [g.channel, g.funnel.stages[0]!.count])).toEqual([["web", 7]]);
    expect(await codeOf(coordinator.report.byCampaign(cohort))).toBe("FORBIDDEN");
    expect(await codeOf(manager.funnel.get({ ...cohort, channel: "fax" as "web" }))).toBe("BAD_REQUEST");
  });

  it("reads each filter through its own index, as for source or language", () => {
    for (const column of ["channel", "medium", "campaign"]) {
      const plan = h.db.$client
        .prepare(
          `explain query plan select count(*) from funnel_measure where ${column} = ? and measure = 0 and bucket = 0 and created_at >= 0 and created_at < 1`,
        )
        .all("x") as { detail: string }[];
      expect(plan.map((p) => p.detail).join("\n")).toContain(`funnel_measure_${column}_idx`);
    }
  });
});
