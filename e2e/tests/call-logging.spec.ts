// Logging calls at the desk: the keyboard-only path from a ringing phone to a lead in screening, and field errors.
import { expect, tabUntilFocused, test, uniqueName, uniquePhone } from "../fixtures.ts";

const clinicDate = (date: Date) => new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", dateStyle: "medium" }).format(date);

test("a coordinator logs a call from a new number by keyboard alone, then finds the lead and opens its screening", async ({
  page,
  signInAs,
  callLogForm,
  leadsTable,
  leadPage,
}) => {
  const phone = uniquePhone();
  const name = uniqueName("Keyboard");
  await signInAs("coordinator");

  // From here on, only the keyboard.
  await page.keyboard.press("n");
  await expect(callLogForm.form).toBeVisible();
  await expect(callLogForm.direction("Inbound")).toBeFocused();
  await expect(callLogForm.direction("Inbound")).toBeChecked();
  expect(await callLogForm.chosenLine()).toBe("(818) 805-2469 Main line");

  await page.keyboard.press("Tab");
  await expect(callLogForm.phone).toBeFocused();
  await page.keyboard.type(phone.national);
  await page.keyboard.press("Tab");
  await expect(callLogForm.callerName).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(callLogForm.outcome).toBeFocused();
  await expect(callLogForm.outcome).toHaveValue("connected");
  await page.keyboard.press("Tab");
  await expect(callLogForm.duration).toBeFocused();
  await page.keyboard.type("4:30");
  await page.keyboard.press("Enter");

  await expect(callLogForm.confirmation).toContainText(`New lead: ${name}`);
  const createdLead = callLogForm.confirmation.getByRole("link", { name: new RegExp(name) });
  await expect(createdLead).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(leadPage.heading(name)).toBeVisible();
  await expect(page).toHaveURL(/\/leads\/\d+$/);
  const leadUrl = page.url();
  await expect(page.getByText(phone.national, { exact: true })).toBeVisible();
  const callRow = leadPage.calls.getByRole("row").filter({ hasText: "Inbound" });
  await expect(callRow).toContainText("4:30");
  await expect(callRow).toContainText("Connected");
  await expect(callRow).toContainText(clinicDate(new Date()));
  // Answering a new caller counts as contact: the lead starts in Contacting.
  await expect(leadPage.historyRow("New → Contacting")).toBeVisible();

  // "/" jumps to the leads search; the number written another way still finds the lead.
  await page.keyboard.press("/");
  await expect(leadsTable.search).toBeFocused();
  await page.keyboard.type(phone.dotted);
  await expect(leadsTable.rows).toHaveCount(1);
  await expect(leadsTable.rows.first()).toContainText(phone.national);
  const found = leadsTable.lead(name);
  await tabUntilFocused(page, found);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(leadUrl);

  // One way into the screening, by keyboard too.
  const screen = page.getByRole("link", { name: "Screen this caller" });
  await tabUntilFocused(page, screen);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/leads\/\d+\/screening$/);
});

test("an invalid phone is flagged beside the field and nothing typed is lost", async ({ signInAs, callLogForm }) => {
  const name = uniqueName("Typo");
  const phone = uniquePhone();
  await signInAs("coordinator");
  await callLogForm.openButton.click();
  await expect(callLogForm.form).toBeVisible();

  await callLogForm.phone.fill("555-12");
  await callLogForm.callerName.fill(name);
  await callLogForm.outcome.selectOption({ label: "Voicemail left" });
  await callLogForm.duration.fill("1:05");
  await callLogForm.notes.fill("Asked about the cost of a course.");
  // Ctrl+Enter saves from the notes, where Enter alone is a new line.
  await callLogForm.notes.press("Control+Enter");

  await expect(callLogForm.phone).toBeFocused();
  await expect(callLogForm.phone).toHaveAttribute("aria-invalid", "true");
  await expect(callLogForm.phone).toHaveAccessibleDescription(/Enter a 10-digit US phone number/);
  await expect(callLogForm.form.getByText("Enter a 10-digit US phone number, for example (818) 555-0142")).toBeVisible();
  await expect(callLogForm.confirmation).toHaveCount(0);

  await expect(callLogForm.phone).toHaveValue("555-12");
  await expect(callLogForm.callerName).toHaveValue(name);
  await expect(callLogForm.outcome).toHaveValue("voicemail");
  await expect(callLogForm.duration).toHaveValue("1:05");
  await expect(callLogForm.notes).toHaveValue("Asked about the cost of a course.");

  // Escape closes the form without throwing the draft away; N brings it back as it was.
  await callLogForm.phone.press("Escape");
  await expect(callLogForm.form).toHaveCount(0);
  await callLogForm.page.keyboard.press("n");
  await expect(callLogForm.callerName).toHaveValue(name);
  await expect(callLogForm.notes).toHaveValue("Asked about the cost of a course.");

  // Fixing the one field is enough: the rest was kept.
  await callLogForm.phone.fill(phone.national);
  await expect(callLogForm.phone).not.toHaveAttribute("aria-invalid", "true");
  await callLogForm.phone.press("Enter");
  await expect(callLogForm.confirmation).toContainText(`New lead: ${name}`);
});

test("a duration that is not minutes:seconds is flagged too", async ({ signInAs, callLogForm }) => {
  await signInAs("coordinator");
  await callLogForm.openButton.click();
  await callLogForm.phone.fill(uniquePhone().national);
  await callLogForm.duration.fill("four minutes");
  await callLogForm.duration.press("Enter");
  await expect(callLogForm.duration).toBeFocused();
  await expect(callLogForm.duration).toHaveAccessibleDescription(/minutes:seconds/);
  await expect(callLogForm.duration).toHaveValue("four minutes");
});
