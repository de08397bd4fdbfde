// What the receiver of a handoff reads of the screen: scheduling the result and flags, never the notes
// for the clinician or the scores; the clinical pool all of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTES, type ScreeningAnswers } from "@intake/domain";
import { eligibleAnswers } from "../testing/answers.ts";
import { createHarness, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let scheduler: Awaited<ReturnType<Harness["as"]>>;
let clinician: Awaited<ReturnType<Harness["as"]>>;
let phoneSeq = 100;

beforeAll(async () => {
  h = await createHarness();
  [coordinator, scheduler, clinician] = await Promise.all([h.as("coordinator"), h.as("scheduler"), h.as("clinician")]);
});
afterAll(() => h.close());

const sbar = { situation: "Chronic low back pain", background: "Physical therapy, partial relief", recommendation: "Book a consult" };
const NOTE_TEXTS = NOTES.map((n) => n.text);

async function screened(answers: ScreeningAnswers) {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: `(626) 555-${String(phoneSeq++).padStart(4, "0")}`,
    startedAt: h.clock.now,
    durationSeconds: 600,
    outcome: "connected",
    callerName: "Handoff Test",
  });
  const started = await coordinator.screening.start({ leadId: lead!.id });
  await coordinator.screening.save({ id: started.id, answers });
  const done = await coordinator.screening.complete({ id: started.id });
  return { leadId: lead!.id, notes: done.evaluation.notes };
}

/** Eligible, and still carrying every note for the clinician and a mild PHQ-9. */
function eligibleWithNotes(): ScreeningAnswers {
  const answers = eligibleAnswers();
  answers.wellbeing.substanceUse = true;
  answers.wellbeing.phq9 = [1, 1, 1, 1, 1, 0, 0, 0, 0];
  answers.safety.fainting = true;
  answers.safety.otherConditions = "Asthma";
  return answers;
}

function expectNoScreeningDetail(read: unknown) {
  const text = JSON.stringify(read);
  for (const note of NOTE_TEXTS) expect(text).not.toContain(note);
  expect(text).not.toMatch(/Notes:|PEG|PHQ-9|Asthma/);
}

describe("a handoff to scheduling with the assessment left to the server", () => {
  it("gives the scheduler the result and flags, and none of the screen's notes, in every place they read it", async () => {
    const { leadId, notes } = await screened(eligibleWithNotes());
    expect(notes).toHaveLength(NOTE_TEXTS.length);
    const created = await coordinator.handoff.create({ leadId, to: "scheduling", ...sbar });
    expect(created.assessment).toBe("Screening result: Eligible. No flags.");

    const inbox = await scheduler.handoff.inbox();
    const card = inbox.unread.find((i) => i.id === created.id);
    expect(card).toMatchObject({ assessment: "Screening result: Eligible. No flags.", result: "eligible", flags: [] });
    expectNoScreeningDetail(card);
    expectNoScreeningDetail(await scheduler.handoff.byId({ id: created.id }));
    const page = await scheduler.scheduling.lead({ leadId });
    expect(page.handoff?.assessment).toBe("Screening result: Eligible. No flags.");
    expectNoScreeningDetail(page);
    expectNoScreeningDetail((await scheduler.scheduling.queue({ perPage: 200 })).items.find((i) => i.leadId === leadId));
  });

  it("keeps what the coordinator typed, which is theirs to word", async () => {
    const { leadId } = await screened(eligibleWithNotes());
    const typed = "Eligible; prefers mornings.";
    expect((await coordinator.handoff.create({ leadId, to: "scheduling", ...sbar, assessment: typed })).assessment).toBe(typed);
  });
});

describe("a handoff to the clinical pool with the assessment left to the server", () => {
  it("gives the clinician the flags, the scores and the notes", async () => {
    const answers = eligibleWithNotes();
    answers.safety.bodyImplants = ["pacemaker"];
    const { leadId } = await screened(answers);
    const created = await coordinator.handoff.create({ leadId, to: "clinical_pool", ...sbar });
    const card = (await clinician.handoff.inbox()).unread.find((i) => i.id === created.id);
    expect(card?.assessment).toMatch(/^Screening result: Needs clinician review\. Flags: Implanted medical device elsewhere in the body/);
    expect(card?.assessment).toContain("PHQ-9 5 (mild).");
    for (const note of NOTE_TEXTS) expect(card?.assessment).toContain(note);
  });
});
