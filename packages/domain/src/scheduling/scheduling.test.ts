import { describe, expect, it } from "vitest";
import { AppointmentBookInput, AppointmentBusyInput, overlaps, showRate } from "./appointment.ts";
import { ChecklistUpdateInput, describeOpenItems, openChecklistItems } from "./checklist.ts";
import { CourseStartInput } from "./course.ts";

const iv = (from: string, to: string) => ({ startsAt: new Date(`2026-11-30T${from}:00Z`), endsAt: new Date(`2026-11-30T${to}:00Z`) });

describe("overlaps", () => {
  it("treats back-to-back appointments as free and any shared minute as taken", () => {
    expect(overlaps(iv("17:00", "18:00"), iv("18:00", "19:00"))).toBe(false);
    expect(overlaps(iv("17:00", "18:00"), iv("16:00", "17:00"))).toBe(false);
    expect(overlaps(iv("17:00", "18:00"), iv("17:59", "18:30"))).toBe(true);
    expect(overlaps(iv("17:00", "18:00"), iv("17:15", "17:45"))).toBe(true);
    expect(overlaps(iv("17:15", "17:45"), iv("17:00", "18:00"))).toBe(true);
  });
});

describe("showRate", () => {
  it("is attended over attended plus no-show", () => {
    expect(showRate(3, 1)).toBe(0.75);
    expect(showRate(0, 0)).toBeNull();
  });
});

describe("inputs", () => {
  it("books with a known kind and a sane length", () => {
    expect(AppointmentBookInput.safeParse({ leadId: 1, kind: "consult", startsAt: "2026-11-30T17:00:00Z", clinicianId: 2 }).success).toBe(true);
    expect(AppointmentBookInput.safeParse({ leadId: 1, kind: "surgery", startsAt: "2026-11-30T17:00:00Z", clinicianId: 2 }).success).toBe(false);
    expect(AppointmentBookInput.safeParse({ leadId: 1, kind: "consult", startsAt: "soon", clinicianId: 2 }).success).toBe(false);
    expect(AppointmentBookInput.safeParse({ leadId: 1, kind: "consult", startsAt: "2026-11-30T17:00:00Z", clinicianId: 2, durationMinutes: 5 }).success).toBe(
      false,
    );
  });

  it("reads a busy window that ends after it starts and spans at most 62 days", () => {
    expect(AppointmentBusyInput.safeParse({ clinicianId: 1, from: "2026-11-30", to: "2026-12-07" }).success).toBe(true);
    expect(AppointmentBusyInput.safeParse({ clinicianId: 1, from: "2026-11-30", to: "2026-11-30" }).success).toBe(false);
    expect(AppointmentBusyInput.safeParse({ clinicianId: 1, from: "2026-01-01", to: "2026-12-31" }).success).toBe(false);
  });

  it("takes checklist dates as real YYYY-MM-DD dates", () => {
    expect(ChecklistUpdateInput.safeParse({ leadId: 1, item: "lab_tests", status: "done", on: "2026-11-20" }).success).toBe(true);
    expect(ChecklistUpdateInput.safeParse({ leadId: 1, item: "lab_tests", status: "done", on: "2026-02-30" }).success).toBe(false);
    expect(ChecklistUpdateInput.safeParse({ leadId: 1, item: "lab_tests", status: "waived", on: "2026-11-20" }).success).toBe(false);
  });

  it("plans 30 sessions unless told otherwise", () => {
    expect(CourseStartInput.parse({ leadId: 1 }).plannedSessions).toBe(30);
    expect(CourseStartInput.safeParse({ leadId: 1, plannedSessions: 0 }).success).toBe(false);
  });
});

describe("the checklist", () => {
  it("is open until every item is done or waived, and says what is open in words", () => {
    expect(openChecklistItems({})).toEqual(["physical_exam", "lab_tests", "psych_eval"]);
    expect(openChecklistItems({ physical_exam: "done", lab_tests: "waived", psych_eval: "done" })).toEqual([]);
    expect(describeOpenItems({ physical_exam: "requested", psych_eval: "done" })).toBe("Physical exam (requested), lab tests (not requested)");
  });
});
