// axe (WCAG 2.0/2.1 A and AA, colour contrast included) on the scheduling queue and a lead's scheduling record.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures.ts";
import { DeskApi, LeadScheduling, SchedulingQueue, type TestLead } from "../pages/scheduling.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  expect(summary).toEqual([]);
}

let lead: TestLead;

test.beforeAll(async ({ baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    lead = await desk.handedOffLead("Axe");
  } finally {
    await desk.dispose();
  }
});

test("scheduling queue", async ({ page, signInAs }) => {
  const queue = new SchedulingQueue(page);
  await signInAs("scheduler");
  await queue.goto();
  await expect(queue.lead(lead.name)).toBeVisible();
  await expectNoViolations(page);
});

test("lead scheduling record, with busy times, a clash warning, an inline error and the checklist form open", async ({ page, signInAs }) => {
  const queue = new SchedulingQueue(page);
  const record = new LeadScheduling(page);
  await signInAs("scheduler");
  await queue.goto();
  await queue.lead(lead.name).click();
  await expect(record.heading(lead.name)).toBeVisible();
  await record.clinician.selectOption({ label: "Dr. Chris Clinician" });
  await expect(record.bookingForm.getByText(/is free\.|overlaps/)).toBeVisible();
  await expectNoViolations(page);

  // Field errors showing (no day chosen).
  await record.day.fill("");
  await record.book().click();
  await expect(record.day).toHaveAttribute("aria-invalid", "true");
  await record.checklist.getByRole("button", { name: "Mark requested (Physical exam)" }).click();
  await expect(record.checklist.getByLabel("Date requested")).toBeFocused();
  await expectNoViolations(page);
});
