import { describe, expect, it } from "vitest";
import { CLOSED_REASONS, LEAD_STATUSES, allowedTransitions, checkTransition, isOpen, type LeadStatus } from "./lifecycle.ts";

const forward: [LeadStatus, LeadStatus][] = [
  ["new", "contacting"],
  ["contacting", "screening"],
];

describe("lead lifecycle", () => {
  it.each(forward)("a coordinator moves %s → %s", (from, to) => {
    expect(checkTransition(from, to, "coordinator", undefined)).toMatchObject({ ok: true });
  });

  it.each<[LeadStatus, LeadStatus]>([
    ["screening", "eligible"],
    ["screening", "needs_review"],
    ["eligible", "handed_off"],
    ["handed_off", "scheduled"],
    ["scheduled", "scheduled"],
    ["scheduled", "consulted"],
    ["consulted", "in_treatment"],
  ])("%s → %s is made only by its own action, never by hand", (from, to) => {
    const manual = checkTransition(from, to, "coordinator", undefined);
    expect(manual).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    if (!manual.ok) expect(manual.message).toMatch(/only through/);
    expect(checkTransition(from, to, "coordinator", undefined, { system: true })).toMatchObject({ ok: true });
    expect(allowedTransitions(from, "coordinator").map((t) => t.to)).not.toContain(to);
  });

  it("the scheduling moves name the action that makes them", () => {
    const messages = (
      [
        ["handed_off", "scheduled", "booking a consult"],
        ["scheduled", "scheduled", "rescheduling the consult"],
        ["scheduled", "consulted", "recording the consult outcome"],
        ["consulted", "in_treatment", "starting the treatment course"],
      ] as const
    ).map(([from, to, via]) => {
      const check = checkTransition(from, to, "coordinator", "patient asked");
      return check.ok ? "" : check.message.endsWith(`only through ${via}.`);
    });
    expect(messages).toEqual([true, true, true, true]);
  });

  it("scheduling leads can still be closed by hand", () => {
    expect(allowedTransitions("scheduled", "coordinator").map((t) => t.to)).toEqual(["closed"]);
    expect(allowedTransitions("handed_off", "coordinator").map((t) => t.to)).toEqual(["closed"]);
  });

  it.each(LEAD_STATUSES.filter(isOpen))("any open status (%s) closes with a listed reason", (from) => {
    for (const reason of CLOSED_REASONS) {
      expect(checkTransition(from, "closed", "coordinator", reason)).toMatchObject({ ok: true });
    }
    expect(checkTransition(from, "closed", "coordinator", "because")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(checkTransition(from, "closed", "coordinator", undefined)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("in treatment and closed leads cannot be closed again", () => {
    expect(checkTransition("in_treatment", "closed", "coordinator", "other")).toMatchObject({ ok: false });
    expect(checkTransition("closed", "closed", "coordinator", "other")).toMatchObject({ ok: false });
  });

  it("a closed lead reopens to contacting with a reason", () => {
    expect(checkTransition("closed", "contacting", "coordinator", "called back, interested")).toMatchObject({ ok: true });
    expect(checkTransition("closed", "contacting", "coordinator", " ")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(checkTransition("closed", "screening", "coordinator", "x")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
  });

  it("only a clinician clears a flagged screen", () => {
    expect(checkTransition("needs_review", "eligible", "coordinator", "looked fine")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(checkTransition("needs_review", "eligible", "clinician", "pacemaker is MR-conditional, cleared")).toMatchObject({
      ok: true,
    });
  });

  it.each<[LeadStatus, LeadStatus]>([
    ["new", "screening"],
    ["new", "eligible"],
    ["contacting", "handed_off"],
    ["screening", "scheduled"],
    ["eligible", "in_treatment"],
    ["handed_off", "consulted"],
    ["in_treatment", "new"],
    ["consulted", "scheduled"],
    ["needs_review", "handed_off"],
  ])("refuses %s → %s and says where it can go", (from, to) => {
    const check = checkTransition(from, to, "coordinator", "reason text");
    expect(check).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    if (!check.ok) expect(check.message).toContain(`from ${from} to ${to}`);
  });

  it("roles that do not work leads may not move them", () => {
    for (const role of ["scheduler", "manager", "admin"] as const) {
      expect(checkTransition("new", "contacting", role, undefined)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });

  it("lists the moves a role may offer", () => {
    expect(allowedTransitions("new", "coordinator").map((t) => t.to)).toEqual(["contacting", "closed"]);
    expect(allowedTransitions("new", "scheduler")).toEqual([]);
    expect(
      allowedTransitions("needs_review", "clinician")
        .map((t) => t.to)
        .sort(),
    ).toEqual(["closed", "eligible"]);
  });
});
