import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAQ_CONTENT } from "./content.ts";
import { searchFaq, type FaqItem } from "./faq.ts";

/** The page's text has non-breaking spaces and double spaces from its HTML: a citation matches word for word, whatever the spacing. */
const spacing = (s: string) => s.replace(/[\s\u00a0]+/g, " ");
const page = spacing(readFileSync(new URL("./source/tms-for-chronic-pain.txt", import.meta.url), "utf8"));

/** Sentences of the page a coordinator must not state as fact until a clinician approves them. */
const CLAIMS = [/success rate/i, /side effects?/i, /safe/i, /lasting change/i, /heal the damage/i, /valuable relief/i, /virtually painless/i];

describe("the clinic's answers", () => {
  it("cite only passages that are on the clinic's page, verbatim", () => {
    for (const entry of FAQ_CONTENT) {
      expect(entry.cites.length, entry.id).toBeGreaterThan(0);
      for (const passage of entry.cites) expect(page.includes(spacing(passage)), `${entry.id}: "${passage}"`).toBe(true);
    }
  });

  it("have an English and a Spanish question and answer, short enough to read aloud", () => {
    for (const entry of FAQ_CONTENT) {
      for (const lang of ["en", "es"] as const) {
        expect(entry.text[lang].question.trim(), `${entry.id} ${lang}`).not.toBe("");
        expect(entry.text[lang].answer.length, `${entry.id} ${lang}`).toBeLessThanOrEqual(800);
      }
    }
  });

  it("hold back every claim a coordinator must not repeat as fact for a clinician's approval", () => {
    for (const entry of FAQ_CONTENT) {
      const words = [entry.text.en.answer, ...entry.cites].join(" ");
      if (CLAIMS.some((claim) => claim.test(words))) expect(entry.needsClinicianApproval, entry.id).toBe(true);
    }
    expect(FAQ_CONTENT.filter((e) => e.needsClinicianApproval).map((e) => e.id)).toEqual(["is-it-safe", "benefits"]);
  });

  it("answers the page's own questions", () => {
    expect(FAQ_CONTENT.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        "what-is-chronic-pain",
        "what-is-tms",
        "how-tms-helps",
        "what-to-expect",
        "how-long",
        "how-to-prepare",
        "who-administers",
        "who-cannot",
      ]),
    );
  });
});

describe("searchFaq", () => {
  const items: FaqItem[] = FAQ_CONTENT.map((e) => ({ id: e.id, ...e.text.es, english: e.text.en, version: 1 }));

  it("finds an answer by words typed in English or Spanish, accents ignored", () => {
    expect(searchFaq(items, "how long")[0]?.id).toBe("how-long");
    expect(searchFaq(items, "cuanto dura")[0]?.id).toBe("how-long");
    expect(searchFaq(items, "  PREGNANT ").map((i) => i.id)).toEqual(["who-cannot"]);
  });

  it("shows everything for an empty search and nothing when a word matches nowhere", () => {
    expect(searchFaq(items, "")).toHaveLength(items.length);
    expect(searchFaq(items, "how zebra")).toEqual([]);
  });
});
