// The coordinator's work queue: a missed call's callback appears live, shows when it is due, and is
// done from the queue; a lead screened eligible waits there until it is handed to scheduling.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../fixtures.ts";
import { HandoffForm } from "../pages/handoffs.ts";
import { DeskApi, WorkQueue } from "../pages/scheduling.ts";

const DUE = /Callback: Due (today|tomorrow) \d{1,2}:\d{2}\s(AM|PM)/;

test("a missed call from a known lead opens a callback in the work queue without a reload, and Done clears it", async ({
  page,
  signInAs,
  callLogForm,
  baseURL,
}) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.newLead("Callback");
    const other = await desk.newLead("Elsewhere");
    const queue = new WorkQueue(page);

    await signInAs("coordinator");
    await expect(queue.region).toBeVisible();
    await expect(queue.region.getByText("Updates live")).toBeVisible();
    // Answered calls: both leads are in Contacting with nothing owed.
    await expect(queue.item(lead.name)).toHaveCount(0);

    // The coordinator logs the missed call at the desk.
    await callLogForm.openButton.click();
    await callLogForm.phone.fill(lead.phone.national);
    await callLogForm.outcome.selectOption({ label: "Missed" });
    await callLogForm.duration.fill("0");
    await callLogForm.save.click();
    await expect(callLogForm.confirmation).toContainText(`Added to lead: ${lead.name}`);

    // The callback is in the queue, due 15 minutes after the call, in words and clinic time.
    const item = queue.item(lead.name);
    await expect(item).toContainText(DUE);
    await expect(item).toContainText("Due soon");

    // A missed call logged elsewhere (another coordinator's desk) arrives live as well.
    await desk.call("call.log", {
      direction: "inbound",
      otherNumber: other.phone.national,
      startedAt: new Date().toISOString(),
      durationSeconds: 0,
      outcome: "missed",
    });
    await expect(queue.item(other.name)).toContainText(DUE);

    await item.getByRole("button", { name: /^Done/ }).click();
    await item.getByLabel("Note").fill("Called back, booked a screening for tomorrow.");
    await item.getByRole("button", { name: "Mark done" }).click();
    await expect(queue.confirmation).toContainText(`Callback for ${lead.name} marked done.`);
    await expect(queue.item(lead.name)).toHaveCount(0);
    await expect(queue.item(other.name)).toBeVisible();

    // Nothing is left on the lead either.
    await page.reload();
    await expect(queue.item(lead.name)).toHaveCount(0);
  } finally {
    await desk.dispose();
  }
});

test("a lead screened eligible joins Ready to hand off without a reload, leaves it when handed on, and its link opens the handoff note", async ({
  page,
  signInAs,
  baseURL,
}) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const elsewhere = await desk.eligibleLead("HandedElsewhere");
    const queue = new WorkQueue(page);
    await signInAs("coordinator");
    await expect(queue.region.getByText("Updates live")).toBeVisible();
    const group = queue.group(/^Ready to hand off to scheduling/);
    await expect(group).toBeVisible();
    // The demo data has eligible leads of its own, older than these: the newest are at the end.
    const reveal = async (name: string) =>
      expect(async () => {
        await queue.showAll(group);
        await expect(group.getByRole("link", { name })).toBeVisible({ timeout: 1_000 });
        // Well inside the queue's once-a-minute re-read: only the live update brings it this soon.
      }).toPass({ timeout: 15_000 });
    await reveal(elsewhere.name);

    // Screened eligible at another desk: the lead joins the group live, with its wait.
    const lead = await desk.eligibleLead("ReadyToHandOff");
    await reveal(lead.name);
    const item = queue.item(lead.name);
    await expect(item).toContainText("Ready to hand off");
    await expect(item).toContainText(/Eligible, waiting (under a minute|\d+ min) for the handoff to scheduling/);

    // Handed on at another desk: that lead leaves live.
    await desk.call("handoff.create", {
      leadId: elsewhere.id,
      to: "scheduling",
      situation: "Eligible caller ready to book a consult.",
      background: "Chronic neck pain for two years.",
      recommendation: "Book a consult.",
    });
    await expect(queue.item(elsewhere.name)).toHaveCount(0);

    // The link goes straight to the handoff note to scheduling.
    await group.getByRole("link", { name: lead.name }).click();
    await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}/handoff$`));
    await expect(page.getByRole("heading", { level: 1, name: `Hand off: ${lead.name}` })).toBeVisible();
    const handoff = new HandoffForm(page);
    await expect(handoff.send).toHaveText("Send to scheduling");
    await handoff.background.fill("Chronic lower back pain for 30 months; physical therapy helped partly.");
    await handoff.send.click();
    await expect(handoff.sent).toContainText("Handoff note sent to scheduling");

    await page.goto("/");
    await expect(queue.region.getByText("Updates live")).toBeVisible();
    await expect(group).toBeVisible();
    await expect(queue.item(lead.name)).toHaveCount(0);
  } finally {
    await desk.dispose();
  }
});

test("a coordinator adds a follow-up on the lead page, in clinic time, and marks it done there", async ({ page, signInAs, leadPage, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.newLead("FollowUp");
    await signInAs("coordinator");
    await page.goto(`/leads/${lead.id}`);
    await expect(leadPage.heading(lead.name)).toBeVisible();
    const tasks = page.getByRole("region", { name: "Callbacks and follow-ups" });
    await expect(tasks).toContainText("Nothing planned for this lead.");

    await tasks.getByRole("button", { name: "Add follow-up" }).click();
    const form = tasks.getByRole("form", { name: "Add follow-up" });
    await expect(form.getByRole("radio", { name: "Follow-up" })).toBeChecked();
    // The suggestion is tomorrow at 10:00 AM on the clinic's clock, whatever the browser's zone (Tokyo here).
    await expect(form.getByLabel("Due")).toHaveValue(/T10:00$/);
    await form.getByLabel("Whose").selectOption({ label: "Mine" });
    await form.getByRole("button", { name: "Add follow-up" }).click();

    await expect(tasks.getByRole("status")).toContainText("Follow-up added, due");
    const row = tasks.getByRole("listitem").filter({ hasText: "Follow-up" });
    await expect(row).toContainText("Due tomorrow 10:00 AM");
    await expect(row).toContainText("Owner: Casey Coordinator");

    await row.getByRole("button", { name: /^Done/ }).click();
    await row.getByRole("button", { name: "Mark done" }).click();
    await expect(tasks.getByRole("status")).toContainText(`Follow-up for ${lead.name} marked done.`);
    await expect(tasks).toContainText("Nothing planned for this lead.");
  } finally {
    await desk.dispose();
  }
});

test("an overdue callback says by how much, in words", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.newLead("Late");
    // A call missed 40 minutes ago was owed a callback 25 minutes ago.
    await desk.call("call.log", {
      direction: "inbound",
      otherNumber: lead.phone.national,
      startedAt: new Date(Date.now() - 40 * 60_000).toISOString(),
      durationSeconds: 0,
      outcome: "missed",
    });
    const queue = new WorkQueue(page);
    await signInAs("coordinator");
    await expect(queue.group(/^Overdue/)).toBeVisible();
    await expect(queue.item(lead.name)).toContainText(/Callback: Overdue by 2\d min/);
  } finally {
    await desk.dispose();
  }
});

test("axe: the coordinator home with the work queue", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.newLead("AxeQueue");
    await desk.call("call.log", {
      direction: "inbound",
      otherNumber: lead.phone.national,
      startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      durationSeconds: 0,
      outcome: "missed",
    });
    const queue = new WorkQueue(page);
    await signInAs("coordinator");
    await expect(queue.item(lead.name)).toContainText("Overdue by");
    // With a Done form open as well.
    await queue.item(lead.name).getByRole("button", { name: /^Done/ }).click();
    await expect(queue.item(lead.name).getByLabel("Note")).toBeFocused();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const summary = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
    expect(summary).toEqual([]);
  } finally {
    await desk.dispose();
  }
});

test("the demo clinic's queue holds the last few days: no new lead, lead ready to hand off or half-done screen waits longer than three days", async ({
  page,
  signInAs,
}) => {
  const queue = new WorkQueue(page);
  await signInAs("coordinator");
  // The demo always has leads waiting to be reached and leads ready to hand off; perhaps a half-done screen.
  const groups = [queue.group(/^New leads, not yet contacted/), queue.group(/^Ready to hand off to scheduling/)];
  for (const group of groups) await expect(group).toBeVisible();
  const halfDone = queue.group(/^Screens left half done/);
  if (await halfDone.isVisible()) groups.push(halfDone);
  for (const group of groups) {
    // Oldest first: the first item's age is the group's longest wait.
    const since = await group.getByRole("listitem").first().locator("time").first().getAttribute("datetime");
    const days = (Date.now() - Date.parse(since ?? "")) / 86_400_000;
    expect(days, `${await group.getByRole("heading").textContent()}: the oldest has waited ${days.toFixed(1)} days`).toBeLessThanOrEqual(3);
  }
});
