import { describe, expect, it } from "vitest";
import { SCREENING_FORM } from "../screening/form.ts";
import review from "./es.review.json" with { type: "json" };
import { CATALOGS, callerT, placeholdersOf } from "./i18n.ts";
import { screeningFormIn } from "./screeningForm.ts";

describe("caller-facing catalogs", () => {
  it("have a Spanish translation of every English string, and nothing Spanish that English lacks", () => {
    const missing = Object.keys(CATALOGS.en).filter((key) => !CATALOGS.es[key]?.trim());
    expect(missing, "add these keys to packages/domain/src/i18n/es.json").toEqual([]);
    const stale = Object.keys(CATALOGS.es).filter((key) => !(key in CATALOGS.en));
    expect(stale, "these Spanish keys name nothing: remove or rename them").toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const differ = Object.keys(CATALOGS.en).filter((key) => placeholdersOf(CATALOGS.en[key]!).join() !== placeholdersOf(CATALOGS.es[key] ?? "").join());
    expect(differ).toEqual([]);
    expect(placeholdersOf(CATALOGS.en["ics.description"]!)).toEqual(["date", "phone", "time"]);
  });

  it("list for review only keys that exist", () => {
    expect(Object.keys(review).filter((k) => k !== "_about" && !(k in CATALOGS.es))).toEqual([]);
  });

  it("fill placeholders through i18next", () => {
    expect(callerT("es")("ics.description", { phone: "(818) 805-2469" })).toContain("(818) 805-2469");
  });
});

describe("screeningFormIn", () => {
  it("keeps every id, kind, option id and limit of the form, and shows English beside the Spanish", () => {
    const es = screeningFormIn("es");
    const strip = (
      sections: readonly {
        id: string;
        questions: readonly { id: string; kind: string; min?: number; max?: number; options?: readonly { id: string | number }[] }[];
      }[],
    ) =>
      sections.map((s) => ({
        id: s.id,
        questions: s.questions.map((q) => ({ id: q.id, kind: q.kind, min: q.min, max: q.max, options: q.options?.map((o) => o.id) })),
      }));
    expect(strip(es.sections)).toEqual(strip(SCREENING_FORM.sections));
    const relation = es.sections[0]!.questions[0]!;
    expect(relation.script).toEqual({ text: "¿Quién llama?", english: "Who is calling?" });
    expect(relation.options?.[0]).toEqual({ id: "self", label: "El paciente", english: "Patient" });
    expect(es.sections.find((s) => s.id === "safety")!.script?.[0]?.text).toMatch(/^La TMS usa un imán/);
    // English asks in English, with the same English beside.
    const en = screeningFormIn("en");
    expect(en.sections[0]!.questions[0]!.script).toEqual({ text: "Who is calling?", english: "Who is calling?" });
  });
});
