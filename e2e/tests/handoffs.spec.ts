// Flagged callers go on by their result: a pacemaker to a clinician who clears it, a head implant
// closed with no handoff, and a PHQ-9 item 9 answer that shows the crisis steps at once and raises
// the alert on a clinician's open page.
import { expect, test, uniqueName } from "../fixtures.ts";
import { InboxPage, LeadScreeningPanel, ReviewPage, ScreeningPage, newLeadFromCall, signInOn } from "../pages/handoffs.ts";

test("a caller with a pacemaker needs review, goes to the clinical pool, and a clinician clears them", async ({
  page,
  signInAs,
  leadPage,
}) => {
  test.slow();
  const name = uniqueName("Pacemaker");
  const screening = new ScreeningPage(page);
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  const leadUrl = page.url();
  await new LeadScreeningPanel(page).screen.click();

  await screening.answerAll(name, { bodyImplant: "Pacemaker" });
  await expect(screening.headline).toHaveText("Needs clinician review");
  await expect(screening.flag("Implanted medical device elsewhere in the body (pacemaker)")).toBeVisible();
  await screening.complete.click();

  await expect(screening.outcome).toContainText("Needs clinician review");
  const handoff = screening.handoff;
  await expect(handoff.target("Clinical pool (any clinician)")).toBeChecked();
  await expect(handoff.assessment).toHaveValue(/Flags: Implanted medical device elsewhere in the body \(pacemaker\)\./);
  await handoff.background.fill("Pacemaker fitted in 2019; cardiologist follows up yearly. Keen to try TMS.");
  await expect(handoff.send).toHaveText("Send to the clinical pool");
  await handoff.send.click();
  await expect(handoff.sent).toContainText("Handoff note sent to the clinical pool");

  // The clinician opens the inbox, reads the screen in full and clears the lead with a note.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOn(page, "clinician");
  const inbox = new InboxPage(page);
  await inbox.goto();
  const note = inbox.note(name);
  await expect(note).toContainText("Needs clinician review");
  await expect(note).toContainText("Pacemaker fitted in 2019");
  await note.getByRole("link", { name: "Review" }).click();

  const review = new ReviewPage(page);
  await expect(review.heading(name)).toBeVisible();
  await expect(review.result.getByRole("listitem").filter({ hasText: "Implanted medical device elsewhere in the body" })).toContainText(
    "pacemaker",
  );
  // The answer behind the flag is marked where it stands among the answers.
  await expect(review.answers.getByRole("definition").filter({ hasText: "Needs review" })).toHaveText("Needs reviewPacemaker");
  await expect(review.answers).toContainText("30 months");

  // A decision needs a note.
  await review.decision.getByRole("radio", { name: "Clear for scheduling" }).check();
  await review.record.click();
  await expect(review.note).toBeFocused();
  await expect(review.note).toHaveAttribute("aria-invalid", "true");
  await review.note.fill("Pacemaker is MRI-conditional; cardiology agrees. Coil kept away from the chest. Cleared.");
  await review.record.click();
  await expect(review.done).toContainText("Cleared for scheduling: the lead is now eligible");
  await expect(review.done).toBeFocused();
  // The page reads the lead again: it is eligible now, and the confirmation stays.
  await expect(page.getByText("Eligible", { exact: true })).toBeVisible();
  await expect(review.done).toBeVisible();

  // Back at the desk, the lead is eligible and goes to scheduling next.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOn(page, "coordinator");
  await page.goto(leadUrl);
  await expect(leadPage.heading(name)).toBeVisible();
  await expect(leadPage.historyRow("Needs clinician review → Eligible")).toContainText("Dr. Chris Clinician");
  await expect(new LeadScreeningPanel(page).handOff).toHaveText("Hand off to scheduling");
});

test("a PHQ-9 item 9 answer shows the crisis steps at once, and the clinician's open inbox alerts without a reload", async ({
  browser,
  page,
  signInAs,
}) => {
  test.slow();
  const name = uniqueName("Urgent");

  // A clinician has the inbox open in another browser.
  const clinicianContext = await browser.newContext();
  try {
    const clinician = await clinicianContext.newPage();
    await signInOn(clinician, "clinician");
    const inbox = new InboxPage(clinician);
    await inbox.goto();
    // Marks this very document: a reload would drop the mark.
    await clinician.evaluate(() => {
      document.body.dataset.openSince = "start";
    });

    await signInAs("coordinator");
    await newLeadFromCall(page, name);
    await new LeadScreeningPanel(page).screen.click();
    const screening = new ScreeningPage(page);
    await screening.radio("Who is calling?", "Patient").check();
    await screening.form.getByRole("checkbox", { name: "Offer PHQ-9" }).check();
    await screening.radio(/better off dead/, "Several days").check();

    // At once, long before the screen is finished.
    await expect(screening.crisis).toBeVisible();
    await expect(screening.crisis).toContainText("988");
    await expect(screening.crisis).toContainText("Suicide & Crisis Lifeline");
    await expect(screening.headline).toHaveText("Urgent — follow crisis steps now");
    await expect(screening.complete).toHaveText("Complete and alert a clinician");
    // The clinical pool is alerted now, mid-call, not when the last question is answered.
    await expect(page.getByText(/^A clinician has been alerted: this caller went to the clinical pool as urgent/)).toBeVisible();

    // The clinician's page, never reloaded, raises the alert within seconds — before the screen is finished.
    // The demo data already has an urgent caller waiting, so the banner alone would not show that this
    // one arrived: this caller's own note does.
    await expect(inbox.urgentBanner).toBeVisible({ timeout: 10_000 });
    await expect(inbox.note(name)).toContainText("Urgent", { timeout: 10_000 });

    await screening.answerAll(name, { phq9Item9: "Several days" });
    await expect(screening.crisis).toBeVisible();
    await screening.complete.click();
    await expect(screening.outcome).toBeVisible();
    await expect(page.getByText(/^A clinician has been alerted: this caller went to the clinical pool as urgent/)).toBeVisible();
    await expect(page.getByText(/Already handed to the clinical pool as urgent/)).toBeVisible();
    await expect(inbox.note(name)).toContainText("Urgent");
    await expect(inbox.navLink).toContainText(/\d+ unread/);
    expect(await clinician.evaluate(() => document.body.dataset.openSince)).toBe("start");

    // The banner links onwards; this caller's note leads to the review.
    await expect(inbox.urgentBanner.getByRole("link")).toBeVisible();
    await inbox.note(name).getByRole("link", { name: "Review" }).click();
    const review = new ReviewPage(clinician);
    await expect(review.heading(name)).toBeVisible();
    await expect(review.result).toContainText("PHQ-9 item 9 above 0");
    // Acknowledging it takes this caller's note out of the unread ones.
    const note = clinician.getByRole("region", { name: "Handoff note" });
    await note.getByRole("button", { name: "Acknowledge" }).click();
    // Leaving before the answer could cancel the request: the clinician sees it recorded first.
    await expect(note).toContainText(/Acknowledged /);
    await inbox.goto();
    await expect(inbox.note(name)).toHaveCount(0);
  } finally {
    await clinicianContext.close();
  }
});

test("a caller with a cochlear implant is not a candidate: the lead is closed and nothing is handed on", async ({ page, signInAs }) => {
  const name = uniqueName("Cochlear");
  const screening = new ScreeningPage(page);
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  await screening.answerAll(name);
  await screening.checkbox(/metal or implanted device in your head or neck/, "Cochlear implant").check();
  await expect(screening.checkbox(/metal or implanted device in your head or neck/, "None (dental fillings do not count)")).not.toBeChecked();
  await expect(screening.headline).toHaveText("Not a candidate");
  await expect(screening.flag("Implanted device or metal in head or neck (cochlear implant) — TMS not possible")).toBeVisible();
  await screening.complete.click();

  await expect(screening.outcome).toContainText("Not a candidate");
  await expect(page.getByText(/^Not a candidate: the lead is closed/)).toBeVisible();
  await expect(screening.handoff.form).toHaveCount(0);
  await expect(page.getByText("Closed", { exact: true })).toBeVisible();
});
