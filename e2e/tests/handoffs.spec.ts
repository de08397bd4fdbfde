// Flagged callers go on by their result: a pacemaker to a clinician who clears it, a head implant
// closed with no handoff, and a PHQ-9 item 9 answer that shows the crisis steps at once and raises
// the alert on a clinician's open page.
import { expect, test, uniqueName } from "../fixtures.ts";
import { HandoffPage, InboxPage, LeadScreeningPanel, ReviewPage, ScreeningPage, newLeadFromCall, signInOn } from "../pages/handoffs.ts";

test("a caller with a pacemaker needs review, goes to the clinical pool, and a clinician clears them", async ({ page, signInAs, leadPage }) => {
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
  await expect(review.result.getByRole("listitem").filter({ hasText: "Implanted medical device elsewhere in the body" })).toContainText("pacemaker");
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

test("a PHQ-9 item 9 answer shows the crisis steps at once, and the clinician's open inbox alerts without a reload", async ({ browser, page, signInAs }) => {
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
    // The clinical pool is alerted now, mid-call, not when the last question is answered; the
    // clinician's inbox is open, so the panel says a clinician was alerted.
    await expect(page.getByText(/^A clinician has been alerted: this caller went to the clinical pool as urgent/)).toBeVisible();
    await expect(page.getByText(/No clinician is online/)).toHaveCount(0);
    // The alert has gone out: Complete no longer promises to send one.
    await expect(screening.complete).toHaveText("Complete screening");

    // The clinician's page, never reloaded, raises the alert within seconds — before the screen is finished.
    // The demo data already has an urgent caller waiting, so the banner alone would not show that this
    // one arrived: this caller's own note does.
    await expect(inbox.urgentBanner).toBeVisible({ timeout: 10_000 });
    await expect(inbox.note(name)).toContainText("Urgent", { timeout: 10_000 });
    // The tab says so too, seen from another tab or window; the newest urgent note is first.
    await expect(clinician).toHaveTitle(/^URGENT \(\d+\) — Iris Intake$/);
    await expect(inbox.unread.getByRole("article").first()).toHaveAccessibleName(new RegExp(name));

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

test("a handoff to scheduling leaves the screen's notes for the clinician out; one to the clinical pool keeps them", async ({ page, signInAs }) => {
  test.slow();
  const substance = "Do you use alcohol or other substances to cope with the pain?";
  const noteText = "Reports alcohol or substance use to cope";
  const screening = new ScreeningPage(page);
  const handoffPage = new HandoffPage(page);
  const handoff = handoffPage.handoff;
  await signInAs("coordinator");

  // Eligible, with a note for the clinician: the scheduling note carries the result and flags only.
  const eligible = uniqueName("Notes eligible");
  await newLeadFromCall(page, eligible);
  const eligibleUrl = page.url();
  await new LeadScreeningPanel(page).screen.click();
  await screening.answerAll(eligible);
  await screening.radio(substance, "Yes").check();
  await expect(screening.headline).toHaveText("Eligible");
  await screening.complete.click();
  await expect(screening.outcome).toContainText("Eligible");
  await page.goto(eligibleUrl);
  await new LeadScreeningPanel(page).handOff.click();
  await expect(handoffPage.heading(eligible)).toBeVisible();
  await expect(handoff.send).toHaveText("Send to scheduling");
  await expect(handoffPage.clinicianNotes).toHaveCount(0);
  await expect(handoffPage.result).not.toContainText(noteText);
  await expect(handoffPage.result).toContainText("not sent to scheduling");
  await expect(handoff.assessment).toHaveValue("Screening result: Eligible. No flags.");
  await expect(handoff.assessment).toHaveAccessibleDescription(/The scheduler reads this note/);
  await handoff.background.fill("Prefers afternoons.");
  await handoff.send.click();
  await expect(handoff.sent).toContainText("Handoff note sent to scheduling");

  // Flagged, with the same note: the clinician reads it beside the flags and in the assessment.
  const flagged = uniqueName("Notes flagged");
  await newLeadFromCall(page, flagged);
  const flaggedUrl = page.url();
  await new LeadScreeningPanel(page).screen.click();
  await screening.answerAll(flagged, { bodyImplant: "Pacemaker" });
  await screening.radio(substance, "Yes").check();
  await expect(screening.headline).toHaveText("Needs clinician review");
  await screening.complete.click();
  await expect(screening.outcome).toContainText("Needs clinician review");
  await page.goto(flaggedUrl);
  await new LeadScreeningPanel(page).handOff.click();
  await expect(handoffPage.heading(flagged)).toBeVisible();
  await expect(handoff.target("Clinical pool (any clinician)")).toBeChecked();
  await expect(handoffPage.clinicianNotes).toBeVisible();
  await expect(handoffPage.result).toContainText(noteText);
  await expect(handoff.assessment).toHaveValue(new RegExp(`Notes: ${noteText}\\.$`));

  // The scheduler's inbox card reads the result and no note.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOn(page, "scheduler");
  const inbox = new InboxPage(page);
  await inbox.goto();
  const card = inbox.note(eligible);
  await expect(card).toContainText("Screening result: Eligible. No flags.");
  await expect(card).not.toContainText(noteText);
});
