// Scheduling end to end: a scheduler works the queue, books a consult, meets a clash, downloads the calendar file.
import { readFile } from "node:fs/promises";
import { expect, test } from "../fixtures.ts";
import { DeskApi, LeadScheduling, SchedulingQueue, type TestLead } from "../pages/scheduling.ts";

/** A clinic calendar date ('YYYY-MM-DD') some days from now, as the clinic in Los Angeles counts days. */
function clinicDay(daysAhead: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, (d ?? 1) + daysAhead)).toISOString().slice(0, 10);
}

let first: TestLead;
let second: TestLead;

test.beforeAll(async ({ baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    // Handed off one after the other, so the first has waited longer and comes first in the queue.
    first = await desk.handedOffLead("Booking");
    second = await desk.handedOffLead("Clash");
  } finally {
    await desk.dispose();
  }
});

test("a scheduler finds the lead in the queue, books a consult, sees the clash and downloads the calendar file", async ({ page, signInAs }) => {
  const queue = new SchedulingQueue(page);
  const record = new LeadScheduling(page);
  // A day no other test books, and past the demo clinic's booked consults: each waits two to four
  // weeks from its booking (packages/db/src/seed.ts), so one could take 10:00 on any day before.
  const day = clinicDay(40);

  await signInAs("scheduler");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scheduling" }).click();
  await expect(queue.heading).toBeVisible();
  // A full queue runs to several pages; today's handoffs, this test's two among them, fit on one.
  await page.getByRole("checkbox", { name: "Handed off today" }).click();
  await expect(page).toHaveURL(/today=1/);

  // Oldest handoff first: the first lead is listed above the second (read once both rows have loaded).
  await expect(queue.row(first.name)).toBeVisible();
  await expect(queue.row(second.name)).toBeVisible();
  const names = await queue.rows.getByRole("link").allTextContents();
  expect(names.indexOf(first.name)).toBeGreaterThanOrEqual(0);
  expect(names.indexOf(first.name)).toBeLessThan(names.indexOf(second.name));
  const row = queue.row(first.name);
  await expect(row).toContainText(first.phone.national);
  await expect(row).toContainText("Consult to book");
  await expect(row).toContainText("Eligible");
  await expect(row).toContainText("Insurance plan");
  await expect(row).toContainText("Voicemail OK");
  await expect(row).toContainText("No texts");
  await expect(row).toContainText(/under a minute|\d+ min/);

  await queue.lead(first.name).click();
  await expect(page).toHaveURL(/\/scheduling\/leads\/\d+$/);
  await expect(record.heading(first.name)).toBeVisible();
  await expect(record.status("Handed off")).toBeVisible();

  await expect(record.kind).toHaveValue("consult");
  await record.day.fill(day);
  await record.startTime.fill("10:00");
  await record.clinician.selectOption({ label: "Dr. Chris Clinician" });
  await expect(record.length).toHaveValue("60");
  await expect(record.bookingForm.getByText("10:00 AM – 11:00 AM is free.")).toBeVisible();
  await record.book().click();

  await expect(record.confirmation).toContainText("Consultation booked");
  await expect(record.confirmation).toContainText("10:00 AM – 11:00 AM (Pacific) with Dr. Chris Clinician");
  const consult = record.appointment("Consultation");
  await expect(consult).toContainText("Booked");
  await expect(consult).toContainText("10:00 AM – 11:00 AM");
  await expect(consult).toContainText("Dr. Chris Clinician");
  // Booking moved the lead on, and the booking form gave way to the booked consult.
  await expect(record.status("Scheduled")).toBeVisible();
  await expect(record.bookingForm).toHaveCount(0);

  // The calendar file for the patient's letter: named by kind and clinic date, never by patient.
  const downloading = page.waitForEvent("download");
  await consult.getByRole("button", { name: "Download calendar file (.ics)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`tms-consultation-${day}.ics`);
  const ics = await readFile(await download.path(), "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain("SUMMARY:TMS consultation");
  expect(ics).not.toContain(first.name);

  // Booked, the lead has left the queue; the second is still waiting (among today's handoffs).
  await page.goto("/scheduling?today=1");
  await expect(queue.heading).toBeVisible();
  await expect(queue.lead(second.name)).toBeVisible();
  await expect(queue.lead(first.name)).toHaveCount(0);

  // The same clinician half an hour later: the taken time shows before saving, and the server refuses.
  await queue.lead(second.name).click();
  await expect(record.heading(second.name)).toBeVisible();
  await record.day.fill(day);
  await record.startTime.fill("10:30");
  await record.clinician.selectOption({ label: "Dr. Chris Clinician" });
  await expect(record.busyTimes).toContainText("10:00 AM – 11:00 AM");
  await expect(record.bookingForm.getByText("The time you chose overlaps 10:00 AM – 11:00 AM")).toBeVisible();
  await record.book().click();
  await expect(record.bookingForm.getByRole("alert")).toContainText("Dr. Chris Clinician is already booked");
  await expect(record.bookingForm.getByRole("alert")).toContainText("Choose another time or clinician");
  await expect(record.appointments).toContainText("No appointments yet.");
  await expect(record.status("Handed off")).toBeVisible();
});

test("a manager reads the queue and a scheduling record but is offered nothing to change", async ({ page, signInAs }) => {
  const queue = new SchedulingQueue(page);
  const record = new LeadScheduling(page);
  await signInAs("manager");
  await queue.goto();
  await expect(page.getByText("You can read this queue; schedulers book.")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search the queue" }).fill(second.name);
  await queue.lead(second.name).click();
  await expect(record.heading(second.name)).toBeVisible();
  await expect(record.checklist).toContainText("Physical exam");
  await expect(record.bookingForm).toHaveCount(0);
  await expect(record.checklist.getByRole("button")).toHaveCount(0);
  await expect(record.course.getByRole("button")).toHaveCount(0);
});
