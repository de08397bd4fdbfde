// Per-row access over HTTP as the outside review probed it: a clinician moves and reads only leads
// handed to them, an id that is not theirs answers like one that does not exist, and reads through
// lists leave the lead ids a per-patient audit search looks for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleEligibleAnswers } from "@intake/domain";
import { ok, startServer, type Answer, type Call, type TestServer } from "./testing/http.ts";

let server: TestServer;
let coordinator: Call;
let clinician: Call;
let scheduler: Call;
let manager: Call;
let phoneSeq = 100;
const UNKNOWN = 987_654;

beforeAll(async () => {
  server = await startServer();
  await server.addUser("other.clinician@iris.test", "Dr. Olive Other", "clinician");
  [coordinator, clinician, scheduler, manager] = await Promise.all([
    server.signIn("coordinator@iris.test"),
    server.signIn("clinician@iris.test"),
    server.signIn("scheduler@iris.test"),
    server.signIn("manager@iris.test"),
  ]);
});
afterAll(() => server.close());

interface Lead {
  id: number;
  status: string;
}

/** A caller whose screen raised a flag (a pacemaker): the lead needs a clinician's review. */
async function flaggedLead(name: string): Promise<Lead> {
  const { lead } = await ok<{ lead: Lead }>(
    coordinator("call.log", {
      direction: "inbound",
      otherNumber: `(626) 555-${String(phoneSeq++).padStart(4, "0")}`,
      startedAt: server.clock.now,
      durationSeconds: 600,
      outcome: "connected",
      callerName: name,
    }),
  );
  const started = await ok<{ id: number }>(coordinator("screening.start", { leadId: lead.id }));
  const answers = exampleEligibleAnswers(name);
  answers.safety.bodyImplants = ["pacemaker"];
  await ok(coordinator("screening.save", { id: started.id, answers }));
  const done = await ok<{ lead: Lead }>(coordinator("screening.complete", { id: started.id }));
  expect(done.lead.status).toBe("needs_review");
  return done.lead;
}

async function otherClinicianId(): Promise<number> {
  const list = await ok<{ id: number; name: string }[]>(coordinator("handoff.clinicians"));
  return list.find((c) => c.name === "Dr. Olive Other")!.id;
}

async function statusOf(id: number): Promise<string> {
  return (await ok<Lead>(coordinator("lead.byId", { id }))).status;
}

/** Every answer is the same refusal: 403, one code, one message. */
function expectOneRefusal(answers: Answer[]) {
  for (const a of answers) {
    expect(a.status).toBe(403);
    expect(a.error?.code).toBe("FORBIDDEN");
  }
  expect(new Set(answers.map((a) => a.error?.message)).size).toBe(1);
}

describe("a clinician's lead.transition", () => {
  it("refuses a lead handed to someone else or to no one exactly as it refuses an id that does not exist", async () => {
    const nobodys = await flaggedLead("Nadia Nobody");
    const others = await flaggedLead("Otto Others");
    await ok(
      coordinator("handoff.create", { leadId: others.id, to: { clinicianId: await otherClinicianId() }, situation: "s", background: "b", recommendation: "r" }),
    );

    const answers: Answer[] = [];
    for (const id of [nobodys.id, others.id, UNKNOWN]) {
      answers.push(await clinician("lead.transition", { id, to: "eligible", reason: "Looks fine to me" }));
      answers.push(await clinician("lead.transition", { id, to: "closed", reason: "not_candidate" }));
      answers.push(await clinician("lead.transition", { id, to: "contacting" }));
    }
    expectOneRefusal(answers);
    const text = JSON.stringify(answers);
    for (const leaked of ["needs_review", "Nadia", "Otto", "626", "555"]) expect(text).not.toContain(leaked);
    expect(await statusOf(nobodys.id)).toBe("needs_review");
    expect(await statusOf(others.id)).toBe("needs_review");
  });

  it("clears a lead handed to the clinical pool through the review: the reason becomes the review note and the handoff is acknowledged", async () => {
    const lead = await flaggedLead("Paula Pool");
    const handoff = await ok<{ id: number }>(
      coordinator("handoff.create", { leadId: lead.id, to: "clinical_pool", situation: "s", background: "b", recommendation: "r" }),
    );
    const moved = await ok<Lead>(clinician("lead.transition", { id: lead.id, to: "eligible", reason: "Pacemaker is MRI-conditional; fine for TMS" }));
    expect(moved.status).toBe("eligible");
    const notes = await ok<{ decision: string; note: string; author: string }[]>(clinician("clinician.notes", { id: lead.id }));
    expect(notes).toEqual([expect.objectContaining({ decision: "clear", note: "Pacemaker is MRI-conditional; fine for TMS", author: "Dr. Chris Clinician" })]);
    const read = await ok<{ acknowledgedAt: string | null }>(clinician("handoff.byId", { id: handoff.id }));
    expect(read.acknowledgedAt).not.toBeNull();
  });

  it("sends closing a flagged lead to the review, which asks for a note, and leaves the lead as it was", async () => {
    const lead = await flaggedLead("Carl Closer");
    await ok(coordinator("handoff.create", { leadId: lead.id, to: "clinical_pool", situation: "s", background: "b", recommendation: "r" }));
    const closed = await clinician("lead.transition", { id: lead.id, to: "closed", reason: "not_candidate" });
    expect(closed.status).toBe(400);
    expect(closed.error?.message).toMatch(/review/i);
    expect(await statusOf(lead.id)).toBe("needs_review");
  });
});

describe("per-lead reads answer an id that is not yours like one that does not exist", () => {
  it("gives a clinician one refusal for an unknown lead and for a lead not handed to them, in every per-lead read", async () => {
    const notTheirs = await flaggedLead("Rita Reader");
    const handoff = await ok<{ id: number }>(
      coordinator("handoff.create", {
        leadId: notTheirs.id,
        to: { clinicianId: await otherClinicianId() },
        situation: "s",
        background: "b",
        recommendation: "r",
      }),
    );
    const reads: [string, (id: number) => unknown][] = [
      ["screening.byLead", (id) => ({ leadId: id })],
      ["clinician.notes", (id) => ({ id })],
      ["appointment.byLead", (id) => ({ leadId: id })],
      ["checklist.byLead", (id) => ({ leadId: id })],
      ["course.byLead", (id) => ({ leadId: id })],
      ["scheduling.lead", (id) => ({ leadId: id })],
    ];
    for (const [path, input] of reads) {
      const answers = [await clinician(path, input(notTheirs.id)), await clinician(path, input(UNKNOWN))];
      expectOneRefusal(answers);
      expect(JSON.stringify(answers), path).not.toContain("Rita");
    }
    expectOneRefusal([await clinician("handoff.byId", { id: handoff.id }), await clinician("handoff.byId", { id: UNKNOWN })]);
    expectOneRefusal([await clinician("handoff.acknowledge", { id: handoff.id }), await clinician("handoff.acknowledge", { id: UNKNOWN })]);
  });

  it("gives a scheduler one refusal for an unknown lead and for a lead not handed to scheduling", async () => {
    const notHanded = await flaggedLead("Sid Scheduled");
    for (const path of ["appointment.byLead", "checklist.byLead", "course.byLead", "scheduling.lead"]) {
      expectOneRefusal([await scheduler(path, { leadId: notHanded.id }), await scheduler(path, { leadId: UNKNOWN })]);
    }
  });
});

describe("list reads are found by a per-patient audit search", () => {
  async function auditByLead(leadId: number, action: string) {
    const found = await ok<{ items: { action: string; recordId: string }[]; total: number }>(
      manager("audit.list", { page: 1, perPage: 20, recordType: "lead", recordId: String(leadId), action }),
    );
    return found.items;
  }

  it("call.list, appointment.list and handoff.inbox leave the lead ids they showed", async () => {
    const lead = await flaggedLead("Lena Listed");
    await ok(coordinator("handoff.create", { leadId: lead.id, to: "clinical_pool", situation: "s", background: "b", recommendation: "r" }));
    await ok(coordinator("call.list", { page: 1, perPage: 20, leadId: lead.id }));
    expect(await auditByLead(lead.id, "call.list")).toHaveLength(1);
    await ok(clinician("handoff.inbox"));
    expect(await auditByLead(lead.id, "handoff.inbox")).toHaveLength(1);

    // Cleared, handed to scheduling and booked, the consult shows in the clinician's day.
    await ok(clinician("clinician.review", { leadId: lead.id, decision: "clear", note: "Fine for TMS" }));
    await ok(coordinator("handoff.create", { leadId: lead.id, to: "scheduling", situation: "s", background: "b", recommendation: "r" }));
    const clinicianId = (await ok<{ id: number; name: string }[]>(scheduler("appointment.clinicians"))).find((c) => c.name === "Dr. Chris Clinician")!.id;
    const startsAt = new Date(server.clock.now.getTime() + 3 * 86_400_000);
    startsAt.setUTCHours(17, 0, 0, 0);
    await ok(scheduler("appointment.book", { leadId: lead.id, kind: "consult", startsAt, clinicianId }));
    const from = new Date(startsAt.getTime() - 86_400_000);
    const to = new Date(startsAt.getTime() + 86_400_000);
    await ok(scheduler("appointment.list", { from, to, page: 1, perPage: 20 }));
    expect(await auditByLead(lead.id, "appointment.list")).toHaveLength(1);
    // The entry still names the records it read, so a search by appointment finds it too.
    const [entry] = await auditByLead(lead.id, "appointment.list");
    expect(entry!.recordId).toMatch(/^lead:\d+(,lead:\d+)*(,\d+)+$/);
  });
});
