// Caller-facing text in the caller's language (the staff interface stays English). The English
// catalog is built from the definitions themselves (the screening form, the crisis steps, the
// calendar invitation), so they stay the one source; Spanish lives in es.json, with the wording a
// native speaker should check listed in es.review.json. Lookups go through i18next, plurals and
// dates through Intl.
import i18next, { type TFunction } from "i18next";
import { CLINIC_TIME_ZONE, LISTED_LINE_E164 } from "../clinic.ts";
import { formatNational } from "../phone/phone.ts";
import type { AppointmentKind } from "../scheduling/appointment.ts";
import { CLINIC_LOCATION_PLACEHOLDER, ICS_SUMMARIES, type IcsWords } from "../scheduling/ics.ts";
import { SCREENING_FORM, URGENT_SCRIPT, type Question } from "../screening/form.ts";
import type { ScriptLanguage } from "../language/language.ts";
import { CLINIC_TEXT_NAME, TEXT_TEMPLATES, type TextTemplateId } from "../messaging/messaging.ts";
import es from "./es.json" with { type: "json" };

/** Questions the coordinator answers for themself: not read to the caller, so never translated. */
export const COORDINATOR_ONLY_QUESTIONS: ReadonlySet<string> = new Set(["wellbeing.safetyConcern"]);

export const questionKey = (q: Question) => `question.${q.id}`;
/** PHQ-9 and GAD-7 items share one set of answers. */
export const optionKey = (q: Question, optionId: string | number) => `option.${q.questionnaire ? "frequency" : q.id}.${optionId}`;
export const sectionScriptKey = (sectionId: string, index: number) => `section.${sectionId}.script.${index}`;

/** Every caller-facing string in English, by catalog key. */
function englishCatalog(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of SCREENING_FORM.sections) {
    (section.script ?? []).forEach((text, i) => (out[sectionScriptKey(section.id, i)] = text));
    for (const q of section.questions) {
      if (COORDINATOR_ONLY_QUESTIONS.has(q.id)) continue;
      out[questionKey(q)] = q.label;
      for (const o of q.options ?? []) out[optionKey(q, o.id)] = o.label;
    }
  }
  URGENT_SCRIPT.forEach((text, i) => (out[`urgent.${i}`] = text));
  for (const [kind, summary] of Object.entries(ICS_SUMMARIES)) out[`ics.summary.${kind}`] = summary;
  out["ics.location"] = CLINIC_LOCATION_PLACEHOLDER;
  out["ics.description"] = "Your appointment: {{date}}, {{time}} (Pacific time). To change or cancel, call the clinic at {{phone}}.";
  for (const [id, text] of Object.entries(TEXT_TEMPLATES)) out[`sms.${id}`] = text;
  return out;
}

export const CATALOGS: Record<ScriptLanguage, Record<string, string>> = { en: /* @__PURE__ */ englishCatalog(), es };

const translators = new Map<ScriptLanguage, TFunction>();

/** The translate function for a caller's language; a missing Spanish string reads in English (a test forbids it). */
export function callerT(language: ScriptLanguage): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    // Synchronous: the resources are here, nothing loads.
    void instance.init({
      lng: language,
      fallbackLng: "en",
      resources: { en: { translation: CATALOGS.en }, es: { translation: CATALOGS.es } },
      // Keys hold dots and brackets (question ids): flat catalogs, no nesting.
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      initAsync: false,
      showSupportNotice: false,
    });
    t = instance.t;
    translators.set(language, t);
  }
  return t;
}

/** The {{placeholders}} of a message, sorted: they must be the same in every language. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

/** Dates and times as a caller of that language says them, in the clinic's time zone (Intl). */
const LOCALES: Record<ScriptLanguage, string> = { en: "en-US", es: "es-US" };

/** A calendar invitation's words in the patient's language, with the day and time written out for a reader. */
export function icsWordsIn(language: ScriptLanguage, kind: AppointmentKind, startsAt: Date): IcsWords {
  const t = callerT(language);
  const locale = LOCALES[language];
  const date = new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    startsAt,
  );
  const time = new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, hour: "numeric", minute: "2-digit" }).format(startsAt);
  return {
    summary: t(`ics.summary.${kind}`),
    location: t("ics.location"),
    description: t("ics.description", { date, time, phone: formatNational(LISTED_LINE_E164) }),
  };
}

/** A text from the clinic in the caller's language, the clinic's name and number filled in; `at` gives {{date}} and {{time}}. */
export function textIn(language: ScriptLanguage, template: TextTemplateId, at?: Date): string {
  const locale = LOCALES[language];
  const date = at ? new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, weekday: "long", month: "long", day: "numeric" }).format(at) : "";
  const time = at ? new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, hour: "numeric", minute: "2-digit" }).format(at) : "";
  // Plain spaces: newer ICU puts a narrow no-break space before AM/PM, which costs a whole text segment.
  const plain = (v: string) => v.replace(/\s/g, " ");
  return callerT(language)(`sms.${template}`, { clinic: CLINIC_TEXT_NAME, phone: formatNational(LISTED_LINE_E164), date: plain(date), time: plain(time) });
}
