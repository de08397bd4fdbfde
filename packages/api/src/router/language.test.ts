// Callers who speak Spanish: the lead's language, the form in it, and rules that never depend on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_SCREENING_PROFILES, screeningAssessment } from "@intake/domain";
import { schema } from "@intake/db";
import { histogramSql } from "../services/funnel.ts";
import { codeOf, createHarness, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let phoneSeq = 300;
beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
});
afterAll(() => h.close());

async function newLead(name: string) {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: `(323) 555-${String(phoneSeq++).padStart(4, "0")}`,
    startedAt: h.clock.now,
    durationSeconds: 300,
    outcome: "connected",
    callerName: name,
  });
  return lead!.id;
}

describe("a lead's language", () => {
  it("is English with no interpreter until a coordinator records otherwise", async () => {
    const id = await newLead("Lucía Ramos");
    expect(await coordinator.lead.byId({ id })).toMatchObject({ language: "en", interpreterNeeded: false });
    await coordinator.lead.update({ id, language: "es", interpreterNeeded: true });
    expect(await coordinator.lead.byId({ id })).toMatchObject({ language: "es", interpreterNeeded: true });
    await coordinator.lead.update({ id, language: "hy" });
    expect(await coordinator.lead.byId({ id })).toMatchObject({ language: "hy", interpreterNeeded: true });
    expect(await codeOf(coordinator.lead.update({ id, language: "klingon" as "es" }))).toBe("BAD_REQUEST");
    expect(await codeOf(coordinator.lead.update({ id, interpreterNeeded: "yes" as unknown as boolean }))).toBe("BAD_REQUEST");
  });
});

describe("screening.form", () => {
  it("gives the Spanish scripts with the English beside them, and English for a language without its own", async () => {
    const es = await coordinator.screening.form({ language: "es" });
    const first = es.sections[0]!.questions[0]!;
    expect(first).toMatchObject({ id: "caller.relation", script: { text: "¿Quién llama?", english: "Who is calling?" } });
    expect(first.options?.map((o) => o.id)).toEqual(["self", "family", "provider"]);
    expect(es.urgentScript[1]!.text).toContain("988");
    const ko = await coordinator.screening.form({ language: "ko" });
    expect(ko.language).toBe("en");
    expect(ko.sections[0]!.questions[0]!.script.text).toBe("Who is calling?");
    expect(await codeOf(coordinator.screening.form({ language: "xx" as "es" }))).toBe("BAD_REQUEST");
  });
});

describe("the rules never depend on the language", () => {
  it("gives the same result, flags and handoff note for every example profile on an English and a Spanish lead", async () => {
    for (const [profile, answersOf] of Object.entries(EXAMPLE_SCREENING_PROFILES)) {
      const outcomes = [];
      for (const language of ["en", "es"] as const) {
        const leadId = await newLead(`Profile ${profile}`);
        await coordinator.lead.update({ id: leadId, language });
        const answers = answersOf("Same Person");
        const started = await coordinator.screening.start({ leadId });
        const { phq9, gad7 } = answers.wellbeing;
        await coordinator.screening.save({ id: started.id, answers, offered: { phq9Offered: !!phq9, gad7Offered: !!gad7 } });
        const done = await coordinator.screening.complete({ id: started.id });
        const row = (await coordinator.screening.byLead({ leadId }))!;
        outcomes.push({
          result: done.evaluation.result,
          flags: done.evaluation.flags,
          answers: row.answers,
          toScheduling: screeningAssessment(row, "scheduling"),
          toClinician: screeningAssessment(row, "clinical_pool"),
        });
      }
      expect(outcomes[1], profile).toEqual(outcomes[0]);
    }
  });
});

describe("appointment.ics", () => {
  it("is written in the patient's language", async () => {
    const leadId = await newLead("Rosa Calendario");
    await coordinator.lead.update({ id: leadId, language: "es" });
    const started = await coordinator.screening.start({ leadId });
    await coordinator.screening.save({ id: started.id, answers: EXAMPLE_SCREENING_PROFILES.eligible!("Rosa Calendario") });
    await coordinator.screening.complete({ id: started.id });
    await coordinator.handoff.create({ leadId, to: "scheduling", situation: "s", background: "b", recommendation: "r" });
    const scheduler = await h.as("scheduler");
    const startsAt = new Date(h.clock.now.getTime() + 3 * 86_400_000);
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt, clinicianId: h.userId("clinician") });
    const { content } = await scheduler.appointment.ics({ id: consult.id });
    const unfolded = content.replace(/\r\n /g, "");
    expect(unfolded).toContain("SUMMARY:Consulta sobre TMS");
    // The day and time as a Spanish speaker reads them (Intl), in clinic time.
    const day = new Intl.DateTimeFormat("es-US", { timeZone: "America/Los_Angeles", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
      startsAt,
    );
    expect(day).toMatch(/de 2026$/);
    expect(unfolded).toContain(`DESCRIPTION:Su cita: ${day.replace(/,/g, "\\,")}\\,`);
    expect(unfolded).toContain("(hora del Pacífico). Para cambiar o cancelar su cita\\, llame a la clínica al (818) 805-2469.");
  });
});

describe("the funnel by language", () => {
  it("filters funnel.get by the leads' language and groups report.byLanguage by it, in SQL through the language index", async () => {
    // This file's leads so far were created on 2026-11-25; three more, in Spanish, Armenian and English.
    const spanish = await newLead("Funnel Español");
    await coordinator.lead.update({ id: spanish, language: "es" });
    const armenian = await newLead("Funnel Armenian");
    await coordinator.lead.update({ id: armenian, language: "hy", interpreterNeeded: true });
    await newLead("Funnel English");

    const manager = await h.as("manager");
    const day = { from: "2026-11-25", to: "2026-11-26" };
    const all = await manager.funnel.get(day);
    const es = await manager.funnel.get({ ...day, language: "es" });
    const hy = await manager.funnel.get({ ...day, language: "hy" });
    const en = await manager.funnel.get({ ...day, language: "en" });
    const inquiries = (f: typeof all) => f.stages[0]!.count;
    const leads = h.db.select().from(schema.lead).all();
    expect(inquiries(es)).toBe(leads.filter((l) => l.language === "es").length);
    // Lucía Ramos above is Armenian now too.
    expect(inquiries(hy)).toBe(2);
    expect(inquiries(en) + inquiries(es) + inquiries(hy)).toBe(inquiries(all));
    // The Spanish leads of the profiles above were screened: the stages below inquiry follow the filter too.
    expect(es.stages.find((s) => s.stage === "screened")!.count).toBeGreaterThan(0);
    expect(inquiries(await manager.funnel.get({ from: "2026-11-26", to: "2026-11-27", language: "es" }))).toBe(0);

    const report = await manager.report.byLanguage(day);
    // Biggest group first, as in the other reports.
    expect(report.groups.map((g) => inquiries(g.funnel))).toEqual([...report.groups.map((g) => inquiries(g.funnel))].sort((a, b) => b - a));
    expect(report.groups.map((g) => [g.language, g.label, inquiries(g.funnel)]).sort()).toEqual([
      ["en", "English", inquiries(en)],
      ["es", "Spanish (Español)", inquiries(es)],
      ["hy", "Armenian", 2],
    ]);
    expect(report.total).toEqual(all);
    expect((await manager.report.byLanguage({ ...day, language: "hy" })).groups.map((g) => g.language)).toEqual(["hy"]);
    expect(await codeOf(coordinator.report.byLanguage(day))).toBe("FORBIDDEN");

    // Each count is a range count on the language's own index, as for source or line: no funnel row is
    // read, but for a count measure's (inbound calls and the like), whose counts are the rows' weights.
    const plan = h.db.$client.prepare(`explain query plan ${histogramSql(" and language = @language")}`).all({ language: "es", from: 0, to: 1 }) as {
      detail: string;
    }[];
    const searches = plan.map((p) => p.detail).filter((d) => d.includes("funnel_measure"));
    expect(searches.length).toBeGreaterThan(0);
    for (const d of searches) expect(d).toMatch(/^SEARCH funnel_measure USING (COVERING )?INDEX funnel_measure_language_idx \(language=\? AND measure=\?/);
    expect(searches.filter((d) => !d.includes("COVERING"))).toHaveLength(1);

    // A lead whose language changes moves to the other group at once.
    await coordinator.lead.update({ id: armenian, language: "es" });
    expect(inquiries(await manager.funnel.get({ ...day, language: "hy" }))).toBe(1);
    expect(inquiries(await manager.funnel.get({ ...day, language: "es" }))).toBe(inquiries(es) + 1);
  });
});
