import { describe, expect, it } from "vitest";
import { buildWorkQueue, type WorkQueueSources } from "./workQueue.ts";

const now = new Date("2026-11-25T18:00:00Z");
const min = (m: number) => new Date(now.getTime() + m * 60_000);
const endOfDay = new Date("2026-11-26T08:00:00Z");

function sources(): WorkQueueSources {
  return {
    urgent: [
      { leadId: 2, leadName: "U2", since: min(-5) },
      { leadId: 1, leadName: "U1", since: min(-30) },
    ],
    tasks: [
      { taskId: 10, kind: "callback", leadId: 20, leadName: "T20", dueAt: min(60), createdAt: min(-10) },
      { taskId: 11, kind: "callback", leadId: 21, leadName: "T21", dueAt: min(-20), createdAt: min(-35) },
      { taskId: 12, kind: "follow_up", leadId: 22, leadName: "T22", dueAt: min(-5), createdAt: min(-100) },
      { taskId: 13, kind: "callback", leadId: 30, leadName: "N30", dueAt: min(10), createdAt: min(-5) },
      { taskId: 14, kind: "callback", leadId: 31, leadName: "N31", dueAt: min(-1), createdAt: min(-16) },
      { taskId: 15, kind: "callback", leadId: 23, leadName: "T23", dueAt: min(24 * 60), createdAt: min(-1) },
    ],
    newLeads: [
      { leadId: 30, leadName: "N30", createdAt: min(-5) },
      { leadId: 32, leadName: "N32", createdAt: min(-50) },
      { leadId: 31, leadName: "N31", createdAt: min(-16) },
    ],
    readyToHandOff: [
      { leadId: 50, leadName: "E50", eligibleAt: min(-30) },
      { leadId: 51, leadName: "E51", eligibleAt: min(-3 * 24 * 60) },
    ],
    screens: [{ screeningId: 7, leadId: 40, leadName: "S40", updatedAt: min(-60) }],
  };
}

describe("buildWorkQueue", () => {
  const items = buildWorkQueue(sources(), now, endOfDay);

  it("orders urgent, overdue, new leads oldest first, leads ready to hand off oldest first, half-done screens, then what is due soon", () => {
    expect(items.map((i) => `${i.kind}:${i.leadId}`)).toEqual([
      "urgent:1",
      "urgent:2",
      "overdue_callback:21",
      "overdue_callback:22",
      "overdue_callback:31",
      "new_lead:32",
      "new_lead:30",
      "ready_to_hand_off:51",
      "ready_to_hand_off:50",
      "screen_in_progress:40",
      "callback:20",
    ]);
  });

  it("shows a lead once: a new lead carries its open callback, or shows only as overdue", () => {
    expect(items.find((i) => i.leadId === 30)).toMatchObject({ kind: "new_lead", taskId: 13, dueAt: min(10), since: min(-5) });
    expect(items.filter((i) => i.leadId === 31)).toEqual([expect.objectContaining({ kind: "overdue_callback", taskId: 14 })]);
    expect(items.find((i) => i.leadId === 32)).not.toHaveProperty("taskId");
  });

  it("a lead ready to hand off has waited since it became eligible, and carries no task", () => {
    expect(items.find((i) => i.leadId === 51)).toEqual({ kind: "ready_to_hand_off", leadId: 51, leadName: "E51", since: min(-3 * 24 * 60) });
  });

  it("leaves out tasks due after the cutoff", () => {
    expect(items.map((i) => i.taskId)).not.toContain(15);
    expect(buildWorkQueue(sources(), now, min(48 * 60)).at(-1)).toMatchObject({ kind: "callback", taskId: 15 });
  });
});

describe("a website inquiry in the work queue", () => {
  it("is a new lead on the speed-to-lead clock like any other, and says it came from the website", () => {
    const s = sources();
    s.newLeads.push({ leadId: 33, leadName: "W33", createdAt: min(-2), channel: "web" });
    const items = buildWorkQueue(s, now, endOfDay);
    expect(items.find((i) => i.leadId === 33)).toEqual({ kind: "new_lead", leadId: 33, leadName: "W33", since: min(-2), channel: "web" });
    expect(items.filter((i) => i.kind === "new_lead").map((i) => i.leadId)).toEqual([32, 30, 33]);
  });
});
