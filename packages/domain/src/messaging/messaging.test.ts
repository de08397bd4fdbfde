import { describe, expect, it } from "vitest";
import { CATALOGS, textIn } from "../i18n/i18n.ts";
import { consentProblem, PRIVATE_WORDS, reminderDueAt, replyKeyword, TEXT_TEMPLATES, textHoursProblem } from "./messaging.ts";

describe("replyKeyword", () => {
  it("reads the whole body in any case as an opt-out, English or Spanish", () => {
    for (const word of ["STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE", "optout", "ALTO", "parar"]) {
      expect(replyKeyword(word), word).toBe("stop");
    }
  });
  it("reads START and YES as opting in, HELP and INFO as help, C and R as a reminder's answer", () => {
    expect(["START", "yes", "Yes"].map(replyKeyword)).toEqual(["start", "start", "start"]);
    expect(["HELP", "info"].map(replyKeyword)).toEqual(["help", "help"]);
    expect(["C", " c", "R", "r\n"].map(replyKeyword)).toEqual(["confirm", "confirm", "reschedule", "reschedule"]);
  });
  it("leaves a message that only contains a keyword to the desk", () => {
    for (const body of ["please stop calling me at work", "STOP!", "yes please", "can I cancel", "Cs", ""]) expect(replyKeyword(body), body).toBeNull();
  });
});

describe("textHoursProblem", () => {
  // 2026-11-25 is in Pacific standard time (UTC-8).
  const clinic = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00-08:00`);
  it("lets texts out from 8 am to just before 9 pm clinic time", () => {
    expect(textHoursProblem(clinic("08:00"), null)).toBeNull();
    expect(textHoursProblem(clinic("20:59"), null)).toBeNull();
    expect(textHoursProblem(clinic("07:59"), null)).toMatch(/8 am and 9 pm/);
    expect(textHoursProblem(clinic("21:00"), null)).toMatch(/8 am and 9 pm/);
  });
  it("allows a reply within 15 minutes of the caller's own text at any hour, not later", () => {
    expect(textHoursProblem(clinic("23:10"), clinic("23:00"))).toBeNull();
    expect(textHoursProblem(clinic("23:15"), clinic("23:00"))).toBeNull();
    expect(textHoursProblem(clinic("23:16"), clinic("23:00"))).not.toBeNull();
  });
  it("follows daylight saving time (July is UTC-7)", () => {
    expect(textHoursProblem(new Date("2026-07-01T15:00:00Z"), null)).toBeNull(); // 8 am PDT
    expect(textHoursProblem(new Date("2026-07-01T14:59:00Z"), null)).not.toBeNull();
  });
});

describe("consent", () => {
  it("refuses unknown and revoked, saying why", () => {
    expect(consentProblem("granted")).toBeNull();
    expect(consentProblem("revoked")).toMatch(/opted out/);
    expect(consentProblem("unknown")).toMatch(/not agreed/);
  });
});

describe("text templates", () => {
  it("never name the treatment, a condition or a screening topic, in either language", () => {
    for (const id of Object.keys(TEXT_TEMPLATES) as (keyof typeof TEXT_TEMPLATES)[]) {
      for (const language of ["en", "es"] as const) {
        const text = textIn(language, id, new Date("2026-11-27T18:30:00Z"));
        expect(text, `${language} ${id}`).not.toMatch(PRIVATE_WORDS);
        expect(text).toContain("Iris Clinic");
        expect(text).not.toMatch(/\{\{/);
      }
    }
    expect(CATALOGS.es["sms.help"]).toBeTruthy();
  });
  it("fill the clinic's time in the caller's language", () => {
    const at = new Date("2026-11-27T18:30:00Z");
    expect(textIn("en", "consult_reminder", at)).toContain("Friday, November 27 at 10:30 AM");
    expect(textIn("es", "consult_reminder", at)).toContain("viernes, 27 de noviembre");
  });
});

describe("reminderDueAt", () => {
  const pt = (iso: string) => new Date(`${iso}-08:00`);
  it("is the given hours before the consult when that falls in text hours", () => {
    expect(reminderDueAt(pt("2026-11-27T14:00:00"), 48)).toEqual(pt("2026-11-25T14:00:00"));
    expect(reminderDueAt(pt("2026-11-27T14:00:00"), 2)).toEqual(pt("2026-11-27T12:00:00"));
  });
  it("moves a night-time reminder to 8 am when that is an hour or more before the consult, else to 8:45 pm the evening before", () => {
    // 2 h before an 8:45 am consult is 6:45 am: 8 am is too close, so the evening before.
    expect(reminderDueAt(pt("2026-11-27T08:45:00"), 2)).toEqual(pt("2026-11-26T20:45:00"));
    // 2 h before a 9:30 am consult is 7:30 am: 8 am is still an hour and a half before.
    expect(reminderDueAt(pt("2026-11-27T09:30:00"), 2)).toEqual(pt("2026-11-27T08:00:00"));
    // 48 h before a 7 am consult is 7 am two days ahead: 8 am that day.
    expect(reminderDueAt(pt("2026-11-29T07:00:00"), 48)).toEqual(pt("2026-11-27T08:00:00"));
    // 48 h before a 10 pm consult is 10 pm: 8 am the next morning.
    expect(reminderDueAt(pt("2026-11-29T22:00:00"), 48)).toEqual(pt("2026-11-28T08:00:00"));
  });
});
