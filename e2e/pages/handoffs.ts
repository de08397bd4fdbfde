// Page objects for screening, handoffs, the inbox, review and print (role and label locators only),
// plus the helpers those tests share: signing in on any page and starting a lead from a logged call.
import { expect, type Locator, type Page } from "@playwright/test";
import { CallLogForm, DEMO_PASSWORD, SignInPage, uniquePhone, type Role } from "../fixtures.ts";

/** Signs in as a role's demo user on this page (any browser context), and waits for the home screen. */
export async function signInOn(page: Page, role: Role): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(`${role}@iris.test`, DEMO_PASSWORD);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Logs an answered call from a new number with this caller's name and opens the lead it starts. */
export async function newLeadFromCall(page: Page, name: string): Promise<void> {
  const callLog = new CallLogForm(page);
  await callLog.openButton.click();
  await callLog.phone.fill(uniquePhone().national);
  await callLog.callerName.fill(name);
  await callLog.duration.fill("6:00");
  await callLog.save.click();
  await callLog.confirmation.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

export class LeadScreeningPanel {
  readonly panel: Locator;
  readonly screen: Locator;
  readonly resume: Locator;
  readonly handOff: Locator;

  constructor(page: Page) {
    this.panel = page.getByRole("region", { name: "Screening", exact: true });
    this.screen = this.panel.getByRole("link", { name: "Screen this caller" });
    this.resume = this.panel.getByRole("link", { name: "Resume screening" });
    this.handOff = this.panel.getByRole("link", { name: /^Hand off/ });
  }
}

export class ScreeningPage {
  readonly sections: Locator;
  readonly form: Locator;
  readonly saveStatus: Locator;
  readonly runningResult: Locator;
  readonly headline: Locator;
  readonly crisis: Locator;
  readonly complete: Locator;
  readonly stillToAnswer: Locator;
  readonly outcome: Locator;
  readonly handoff: HandoffForm;

  constructor(readonly page: Page) {
    this.sections = page.getByRole("navigation", { name: "Screening sections" });
    this.form = page.getByRole("form", { name: "Screening questions" });
    this.saveStatus = page.getByRole("status").filter({ hasText: /^(Saving…|Saved .+|Couldn't save.*|Answers save as you go)$/ });
    this.runningResult = page.getByRole("region", { name: "Running result" });
    this.headline = this.runningResult.getByRole("paragraph").first();
    this.crisis = page.getByRole("alert").filter({ hasText: "Urgent: follow the crisis steps now" });
    this.complete = page.getByRole("button", { name: /^Complete/ });
    this.stillToAnswer = page.getByRole("region", { name: /^Still to answer/ });
    this.outcome = page.getByRole("region", { name: "Screening complete" });
    this.handoff = new HandoffForm(page);
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: `Screening: ${name}` });
  }

  /** A radio or checkbox group by its question. */
  group(question: string | RegExp): Locator {
    return this.form.getByRole("group", { name: question });
  }

  radio(question: string | RegExp, option: string): Locator {
    return this.group(question).getByRole("radio", { name: option, exact: true });
  }

  checkbox(question: string | RegExp, option: string): Locator {
    return this.group(question).getByRole("checkbox", { name: option, exact: true });
  }

  field(label: string | RegExp): Locator {
    return this.form.getByLabel(label);
  }

  sectionLink(title: string): Locator {
    return this.sections.getByRole("link", { name: new RegExp(title) });
  }

  flag(text: string | RegExp): Locator {
    return this.runningResult.getByRole("listitem").filter({ hasText: text });
  }

  async waitUntilSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText(/^Saved at /);
  }

  /**
   * Answers every question with a mouse-free fill (checks and fills by label): an eligible adult
   * caller, unless `overrides` change some answers. Used where the answers are not what is tested.
   */
  async answerAll(name: string, overrides: { bodyImplant?: string; phq9Item9?: string } = {}): Promise<void> {
    await this.radio("Who is calling?", "Patient").check();
    await this.field("Patient's full name").fill(name);
    await this.field("Patient's date of birth").fill("1975-06-14");
    await this.radio("May we leave a voicemail at this number?", "Yes").check();
    await this.radio("May we send text messages to this number?", "Yes").check();
    await this.field("How did you hear about the clinic?").fill("Search");
    await this.field("How long have you had this pain? (months)").fill("30");
    await this.field("Where is the pain?").fill("lower back, left leg");
    await this.checkbox("How does the pain feel?", "Burning").check();
    await this.radio("Is it there every day, or does it come and go?", "Every day").check();
    await this.checkbox("Is there a known cause?", "Back issues").check();
    await this.radio(/nociceptive or neuropathic/, "Unknown").check();
    await this.field(/on average\?$/).fill("6");
    await this.field(/enjoyment of life\?$/).fill("7");
    await this.field(/general activity\?$/).fill("5");
    await this.checkbox("What have you already tried for the pain?", "Physical therapy").check();
    await this.radio("Did it help?", "No, it did not help").check();
    await this.checkbox("Along with the pain, have you noticed any of these?", "Trouble sleeping").check();
    await this.checkbox("Has the pain brought depression, stress or anxiety?", "Stress").check();
    await this.radio("Do you use alcohol or other substances to cope with the pain?", "No").check();
    if (overrides.phq9Item9) {
      await this.form.getByRole("checkbox", { name: "Offer PHQ-9" }).check();
      const items = this.form.getByRole("group", { name: "PHQ-9", exact: true }).getByRole("group");
      await expect(items).toHaveCount(9);
      for (let i = 0; i < 8; i++) await items.nth(i).getByRole("radio", { name: "Not at all" }).check();
      await this.radio(/better off dead/, overrides.phq9Item9).check();
    }
    await this.radio("Coordinator: do you have any concern for the caller's safety?", "No").check();
    await this.checkbox(/metal or implanted device in your head or neck/, "None (dental fillings do not count)").check();
    if (overrides.bodyImplant) await this.checkbox("Any implanted device elsewhere in your body?", overrides.bodyImplant).check();
    else await this.checkbox("Any implanted device elsewhere in your body?", "None").check();
    await this.radio("Is the patient pregnant, or could they be?", "No").check();
    for (const question of [
      "Have you ever had a seizure or epilepsy?",
      "Does anyone in your family have epilepsy?",
      /brain damage from an illness or injury/,
      "Do you have frequent or severe headaches?",
      "Do you have fainting spells?",
    ]) {
      await this.radio(question, "No").check();
    }
    await this.radio(/Have you had TMS before/, "No").check();
    await this.form.getByRole("checkbox", { name: "Takes no medications or supplements" }).check();
    await this.form.getByRole("checkbox", { name: "No other conditions" }).check();
    await this.radio(/25 to 30 sessions/, "Yes").check();
    await this.radio(/off-label/, "Yes").check();
    await this.radio(/physical exam, lab tests and psychiatric evaluation/, "Yes").check();
    await this.radio("Would you use insurance or pay yourself?", "Insurance plan").check();
  }
}

export class HandoffForm {
  readonly form: Locator;
  readonly situation: Locator;
  readonly background: Locator;
  readonly assessment: Locator;
  readonly recommendation: Locator;
  readonly send: Locator;
  readonly sent: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Handoff note" });
    this.situation = this.form.getByLabel("Situation");
    this.background = this.form.getByLabel("Background");
    this.assessment = this.form.getByLabel("Assessment");
    this.recommendation = this.form.getByLabel("Recommendation");
    this.send = this.form.getByRole("button", { name: /^Send to/ });
    this.sent = page.getByRole("status").filter({ hasText: "Handoff note sent to" });
  }

  target(label: string): Locator {
    return this.form.getByRole("group", { name: "Send to" }).getByRole("radio", { name: label });
  }
}

/** /leads/:id/handoff: the screen's result beside the handoff note that sends the lead on. */
export class HandoffPage {
  readonly result: Locator;
  readonly clinicianNotes: Locator;
  readonly handoff: HandoffForm;

  constructor(readonly page: Page) {
    this.result = page.getByRole("region", { name: "Screening result" });
    this.clinicianNotes = this.result.getByRole("heading", { name: "Notes for the clinician" });
    this.handoff = new HandoffForm(page);
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: `Hand off: ${name}` });
  }
}

export class InboxPage {
  readonly heading: Locator;
  readonly unread: Locator;
  readonly read: Locator;
  readonly navLink: Locator;
  /** The clinician's urgent banner, on every page. */
  readonly urgentBanner: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Inbox" });
    this.unread = page.getByRole("region", { name: /^Unread/ });
    this.read = page.getByRole("table", { name: "Read handoff notes" });
    this.navLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });
    this.urgentBanner = page.getByRole("alert").filter({ hasText: "safety concern" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/inbox");
    await expect(this.heading).toBeVisible();
  }

  /** An unread note, by the lead's name. */
  note(leadName: string): Locator {
    return this.unread.getByRole("article", { name: new RegExp(leadName) });
  }
}

export class ReviewPage {
  readonly result: Locator;
  readonly answers: Locator;
  readonly decision: Locator;
  readonly note: Locator;
  readonly record: Locator;
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.result = page.getByRole("region", { name: "Screening result" });
    this.answers = page.getByRole("region", { name: "Answers" });
    this.decision = page.getByRole("group", { name: "Decision" });
    this.note = page.getByRole("form", { name: "Review decision" }).getByLabel("Note");
    this.record = page.getByRole("button", { name: "Record decision" });
    this.done = page.getByRole("status").filter({ hasText: /Cleared for scheduling|Closed as not a candidate/ });
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: `Review: ${name}` });
  }
}
