import { describe, expect, it } from "vitest";
import { callbackDueAt } from "./task.ts";
import { dueLabel, formatSpan, isOverdue } from "./due.ts";

const at = (iso: string) => new Date(iso);

describe("isOverdue", () => {
  it("is overdue once the due time has passed, not at it", () => {
    const due = at("2026-11-25T18:00:00Z");
    expect(isOverdue(due, at("2026-11-25T17:59:59Z"))).toBe(false);
    expect(isOverdue(due, at("2026-11-25T18:00:00Z"))).toBe(false);
    expect(isOverdue(due, at("2026-11-25T18:00:01Z"))).toBe(true);
  });

  it("compares instants, so midnight in Los Angeles and in UTC make no difference", () => {
    // 23:55 on the 25th in Los Angeles is 07:55 UTC on the 26th; ten minutes later it is the 26th in both.
    const due = at("2026-11-26T07:55:00Z");
    expect(isOverdue(due, at("2026-11-26T07:50:00Z"))).toBe(false);
    expect(isOverdue(due, at("2026-11-26T08:05:00Z"))).toBe(true);
  });
});

describe("dueLabel (clinic time, America/Los_Angeles)", () => {
  it("counts how late an overdue task is", () => {
    const due = at("2026-11-25T18:00:00Z");
    expect(dueLabel(due, at("2026-11-25T18:00:30Z"))).toBe("Overdue by under a minute");
    expect(dueLabel(due, at("2026-11-25T18:10:00Z"))).toBe("Overdue by 10 min");
    expect(dueLabel(due, at("2026-11-25T20:05:00Z"))).toBe("Overdue by 2 h 5 min");
    expect(dueLabel(due, at("2026-11-25T21:00:00Z"))).toBe("Overdue by 3 h");
    expect(dueLabel(due, at("2026-11-28T18:00:00Z"))).toBe("Overdue by 3 days");
  });

  it("overdue across the clinic's midnight: due 11:55 PM, ten minutes later it is the next day", () => {
    const due = at("2026-11-26T07:55:00Z"); // Nov 25, 11:55 PM PST
    expect(dueLabel(due, at("2026-11-26T07:50:00Z"))).toBe("Due today 11:55 PM");
    expect(dueLabel(due, at("2026-11-26T08:05:00Z"))).toBe("Overdue by 10 min");
  });

  it("today and tomorrow are the clinic's days, not UTC's", () => {
    // 4:00 PM PST on the 25th is already 00:00 UTC on the 26th.
    const now = at("2026-11-26T00:00:00Z");
    // 11:55 PM on the 25th in Los Angeles: a different UTC date, the same clinic day.
    expect(dueLabel(at("2026-11-26T07:55:00Z"), now)).toBe("Due today 11:55 PM");
    // 12:05 AM on the 26th in Los Angeles: the same UTC date as now, but tomorrow at the clinic.
    expect(dueLabel(at("2026-11-26T08:05:00Z"), now)).toBe("Due tomorrow 12:05 AM");
    expect(dueLabel(at("2026-11-26T17:00:00Z"), now)).toBe("Due tomorrow 9:00 AM");
  });

  it("names the weekday within a week and the date beyond", () => {
    const now = at("2026-11-25T18:00:00Z"); // Wed Nov 25
    expect(dueLabel(at("2026-11-27T17:00:00Z"), now)).toBe("Due Fri 9:00 AM");
    expect(dueLabel(at("2026-12-03T17:00:00Z"), now)).toBe("Due Dec 3 9:00 AM");
    expect(dueLabel(at("2027-01-05T17:00:00Z"), now)).toBe("Due Jan 5, 2027 9:00 AM");
  });

  it("follows the spring-forward change: 9:00 AM PDT the morning after a PST evening", () => {
    // Sat Mar 7 2026, 8:00 PM PST = 04:00 UTC Mar 8; clocks spring forward at 2:00 AM on Mar 8.
    const now = at("2026-03-08T04:00:00Z");
    expect(dueLabel(at("2026-03-08T16:00:00Z"), now)).toBe("Due tomorrow 9:00 AM");
    // The same UTC hour a day earlier was 8:00 AM PST, not 9:00.
    expect(dueLabel(at("2026-03-07T16:00:00Z"), at("2026-03-07T10:00:00Z"))).toBe("Due today 8:00 AM");
    // A callback for a missed call at 1:50 AM PST is due at 3:05 AM PDT, 15 real minutes later.
    expect(dueLabel(callbackDueAt(at("2026-03-08T09:50:00Z")), at("2026-03-08T09:55:00Z"))).toBe("Due today 3:05 AM");
  });

  it("follows the fall-back change: the hour that happens twice", () => {
    // Sun Nov 1 2026: 1:30 AM PDT (08:30 UTC), then 1:30 AM PST (09:30 UTC).
    const now = at("2026-11-01T08:00:00Z"); // 1:00 AM PDT
    expect(dueLabel(at("2026-11-01T08:30:00Z"), now)).toBe("Due today 1:30 AM");
    expect(dueLabel(at("2026-11-01T09:30:00Z"), now)).toBe("Due today 1:30 AM");
    expect(dueLabel(at("2026-11-01T08:30:00Z"), at("2026-11-01T09:30:00Z"))).toBe("Overdue by 1 h");
    // Midnight still ends the day: 11:30 PM PST is today, 12:30 AM tomorrow.
    expect(dueLabel(at("2026-11-02T07:30:00Z"), now)).toBe("Due today 11:30 PM");
    expect(dueLabel(at("2026-11-02T08:30:00Z"), now)).toBe("Due tomorrow 12:30 AM");
  });
});

describe("callbackDueAt", () => {
  it("is 15 minutes after the call started", () => {
    expect(callbackDueAt(at("2026-11-25T17:50:00Z"))).toEqual(at("2026-11-25T18:05:00Z"));
  });
});

describe("formatSpan", () => {
  it("says a day in the singular", () => {
    expect(formatSpan(24 * 3600_000 + 5)).toBe("1 day");
  });
});
