// Screening on the phone: an eligible caller screened by keyboard alone and handed to scheduling,
// the scheduler acknowledging the note; a dropped call that loses nothing; Complete listing what is open.
import type { Page } from "@playwright/test";
import { expect, tabUntilFocused, test, uniqueName, uniquePhone } from "../fixtures.ts";
import { InboxPage, LeadScreeningPanel, ScreeningPage, newLeadFromCall, signInOn } from "../pages/handoffs.ts";

/** Presses keys one after another, as a coordinator does while the caller talks. */
async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

test("a coordinator screens an eligible caller by keyboard alone, hands to scheduling, and the scheduler acknowledges", async ({
  page,
  signInAs,
  callLogForm,
  leadPage,
}) => {
  test.slow();
  const name = uniqueName("Eligible");
  const screening = new ScreeningPage(page);
  const panel = new LeadScreeningPanel(page);
  await signInAs("coordinator");

  // The call, by keyboard: N, the number, the name, a duration, Enter; then Enter on the new lead.
  await page.keyboard.press("n");
  await expect(callLogForm.form).toBeVisible();
  await press(page, "Tab");
  await page.keyboard.type(uniquePhone().national);
  await press(page, "Tab");
  await page.keyboard.type(name);
  await press(page, "Tab", "Tab");
  await page.keyboard.type("7:45");
  await press(page, "Enter");
  await expect(callLogForm.confirmation.getByRole("link", { name: new RegExp(name) })).toBeFocused();
  await press(page, "Enter");
  await expect(leadPage.heading(name)).toBeVisible();

  await tabUntilFocused(page, panel.screen);
  await press(page, "Enter");
  await expect(screening.heading(name)).toBeVisible();

  // The screen opens on its first question. Each answer is a key or two; Enter moves to the next open question.
  const first = screening.radio("Who is calling?", "Patient");
  await expect(first).toBeFocused();
  await press(page, "Space", "Enter");
  await expect(screening.field("Patient's full name")).toBeFocused();
  await page.keyboard.type(name);
  await press(page, "Enter");
  await expect(screening.field("Patient's date of birth")).toBeFocused();
  await page.keyboard.type("06141975");
  await expect(screening.field("Patient's date of birth")).toHaveValue("1975-06-14");
  await press(page, "Enter", "Space", "Enter", "Space", "Enter"); // voicemail yes, texts yes
  await expect(screening.field("How did you hear about the clinic?")).toBeFocused();
  await page.keyboard.type("A friend");
  // The referring provider is optional: Enter skips it.
  await press(page, "Enter");
  await expect(screening.field("How long have you had this pain? (months)")).toBeFocused();
  await page.keyboard.type("30");
  await press(page, "Enter");
  await page.keyboard.type("lower back, left leg");
  await press(page, "Enter", "Tab", "Space", "Enter"); // feelings: past "None", tick Throbbing
  await expect(screening.checkbox("How does the pain feel?", "Throbbing")).toBeChecked();
  await press(page, "Space", "Enter"); // every day
  await press(page, "Tab", "Space", "Enter"); // cause: back issues
  await press(page, "Space", "Enter"); // nociceptive
  for (const score of ["6", "7", "5"]) {
    await page.keyboard.type(score);
    await press(page, "Enter");
  }
  await expect(screening.form.getByText("PEG score (average of the three): 6.0 / 10")).toBeVisible();
  await press(page, "Tab", "Space", "Enter"); // tried: physical therapy
  await press(page, "ArrowDown", "ArrowDown", "Enter"); // it did not help
  await expect(screening.radio("Did it help?", "No, it did not help")).toBeChecked();
  await press(page, "Space", "Enter"); // symptoms: none of these
  await press(page, "Tab", "Space", "Enter"); // conditions: depression
  await press(page, "ArrowRight", "Enter"); // substance use: no (PHQ-9 and GAD-7 are not offered, so skipped)
  await expect(screening.radio(/concern for the caller's safety/, "Yes")).toBeFocused();
  await press(page, "ArrowRight", "Enter"); // safety concern: no
  await press(page, "Space", "Enter", "Space", "Enter"); // no implants in the head, none elsewhere
  await press(page, "Space", "Enter"); // not pregnant
  for (let i = 0; i < 5; i++) await press(page, "ArrowRight", "Enter"); // seizures, family, brain injury, headaches, fainting: no
  await press(page, "Space", "Enter"); // no TMS before
  await expect(screening.field(/medications and supplements/)).toBeFocused();
  await page.keyboard.type("lisinopril 10 mg, vitamin D");
  await press(page, "Enter", "Tab", "Space", "Enter"); // no other conditions
  await expect(screening.form.getByRole("checkbox", { name: "No other conditions" })).toBeChecked();
  await press(page, "Space", "Enter", "Space", "Enter", "Space", "Enter", "Space", "Enter"); // readiness: yes ×3, insurance

  // Nothing is left: the keyboard lands on Complete, and the running result already says Eligible.
  await expect(screening.complete).toBeFocused();
  await expect(screening.headline).toHaveText("Eligible");
  await expect(screening.sectionLink("TMS safety")).toContainText("11/11");
  await screening.waitUntilSaved();
  await press(page, "Enter");

  await expect(screening.outcome).toBeVisible();
  await expect(screening.outcome.getByText("Eligible", { exact: true })).toBeVisible();
  await expect(screening.outcome.getByText("No flags.")).toBeVisible();
  const handoff = screening.handoff;
  // Written for scheduling: the result and flags, no scores.
  await expect(handoff.assessment).toHaveValue(/^Screening result: Eligible\. No flags\.$/);
  await tabUntilFocused(page, handoff.background);
  await page.keyboard.type("Prefers mornings. Asked about the cost of a course; has an insurance plan.");
  await tabUntilFocused(page, handoff.send);
  await expect(handoff.send).toHaveText("Send to scheduling");
  await press(page, "Enter");
  await expect(handoff.sent).toContainText("Handoff note sent to scheduling");
  await expect(handoff.sent).toBeFocused();
  // The lead has moved on, and the confirmation stays.
  await expect(page.getByText("Handed off", { exact: true })).toBeVisible();
  await expect(handoff.sent).toBeVisible();

  // The scheduler finds it unread, with its age and the note, and acknowledges it.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOn(page, "scheduler");
  const inbox = new InboxPage(page);
  await expect(inbox.navLink).toContainText(/\d+ unread/);
  await inbox.navLink.click();
  const note = inbox.note(name);
  await expect(note).toBeVisible();
  await expect(note.getByText("just now")).toBeVisible();
  await expect(note).toContainText("Prefers mornings");
  await expect(note).toContainText("Screening: Eligible");
  await expect(note).toContainText("From Casey Coordinator to scheduling");
  await note.getByRole("button", { name: "Acknowledge" }).click();
  await expect(note).toHaveCount(0);
  await expect(inbox.read.getByRole("row", { name: new RegExp(name) })).toBeVisible();
});

test("a dropped call loses nothing: the screen resumes with every answer, even one typed just before leaving", async ({ page, signInAs }) => {
  const name = uniqueName("Dropped");
  const screening = new ScreeningPage(page);
  const panel = new LeadScreeningPanel(page);
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  const leadUrl = page.url();
  await panel.screen.click();

  await screening.radio("Who is calling?", "Family member").check();
  await screening.field("Patient's full name").fill(name);
  await screening.field("How long have you had this pain? (months)").fill("14");
  await screening.checkbox("How does the pain feel?", "Burning").check();
  await screening.waitUntilSaved();
  await expect(screening.sectionLink("Pain")).toContainText("2/9");

  // The call drops and the page is reloaded.
  await page.reload();
  await expect(screening.heading(name)).toBeVisible();
  await expect(screening.radio("Who is calling?", "Family member")).toBeChecked();
  await expect(screening.field("Patient's full name")).toHaveValue(name);
  await expect(screening.field("How long have you had this pain? (months)")).toHaveValue("14");
  await expect(screening.checkbox("How does the pain feel?", "Burning")).toBeChecked();
  await expect(screening.saveStatus).toHaveText(/^Saved at /);
  // It opens on the first question still open.
  await expect(screening.field("Patient's date of birth")).toBeFocused();

  // An answer typed a moment before leaving the screen (inside the autosave delay) is saved on the way out.
  await screening.field("How did you hear about the clinic?").fill("Radio advert");
  await page.getByRole("link", { name: "Back to the lead" }).click();
  await expect(panel.resume).toBeVisible();
  await expect(page).toHaveURL(leadUrl);
  await panel.resume.click();
  await expect(screening.field("How did you hear about the clinic?")).toHaveValue("Radio advert");
  await expect(screening.field("Patient's full name")).toHaveValue(name);
});

test("Complete with questions still open lists them, and each link goes to its question", async ({ page, signInAs }) => {
  const name = uniqueName("Partial");
  const screening = new ScreeningPage(page);
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  await screening.radio("Who is calling?", "Patient").check();
  await expect(screening.headline).toHaveText("Not finished — no flags so far");

  await screening.complete.click();
  await expect(screening.stillToAnswer).toBeVisible();
  await expect(screening.stillToAnswer.getByRole("heading")).toBeFocused();
  await expect(screening.stillToAnswer.getByRole("heading")).toHaveText("Still to answer: 35");
  await expect(screening.form.getByText("Still to answer")).toHaveCount(35);
  await screening.stillToAnswer.getByRole("link", { name: /PEG: general activity/ }).click();
  await expect(screening.field(/general activity\?$/)).toBeFocused();

  // A flag shows as soon as its answer is in, before the screen is finished.
  await screening.checkbox("Any implanted device elsewhere in your body?", "Spinal cord stimulator").check();
  await expect(screening.headline).toHaveText("Needs clinician review");
  await expect(screening.flag("Implanted medical device elsewhere in the body (spinal cord stimulator)")).toBeVisible();
  await expect(screening.stillToAnswer.getByRole("heading")).toHaveText("Still to answer: 34");
});
