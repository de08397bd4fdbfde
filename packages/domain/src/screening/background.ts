// The Background of a handoff note (SBAR) as a coordinator writes it from the screening: the pain,
// what was tried and how it went, who referred. The handoff form starts from it; the demo notes use it too.
import { PAIN_CAUSE_LABELS, TREATMENT_TRIED_LABELS, type ScreeningAnswers } from "./answers.ts";

function months(n: number): string {
  if (n < 24) return `${n} ${n === 1 ? "month" : "months"}`;
  return `${Math.floor(n / 12)} years`;
}

export function screeningBackground(a: ScreeningAnswers): string {
  const causes = a.pain.causes.filter((c) => c !== "unknown").map((c) => PAIN_CAUSE_LABELS[c].toLowerCase());
  const tried = a.tried.treatments.map((t) => TREATMENT_TRIED_LABELS[t].toLowerCase()).join(", ");
  const helped = { yes: "it helped", partly: "it helped only partly", no: "it did not help" }[a.tried.helped];
  const parts = [
    `Pain in the ${a.pain.locations.join(" and ")} for ${months(a.pain.durationMonths)}, ${a.pain.pattern === "daily" ? "every day" : "comes and goes"}; ${causes.length ? `cause: ${causes.join(", ")}` : "no known cause"}.`,
    `Tried ${tried}: ${helped}.`,
  ];
  if (a.caller.referringProvider) parts.push(`Referred by ${a.caller.referringProvider}.`);
  return parts.join(" ");
}
