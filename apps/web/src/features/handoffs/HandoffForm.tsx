// The SBAR handoff note a coordinator sends: to scheduling for an eligible lead, to the clinical pool
// or a named clinician for a flagged one. The assessment starts as the server would write it, with
// the domain's own words for that receiver: scheduling reads the result and flags, never the notes.
import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { HandoffCreateInput, ScreeningAnswers, screeningAssessment, screeningBackground } from "@intake/domain";
import { firstMessages, type FieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { RadioGroupField, SelectField, TextAreaField } from "../../ui/Field.tsx";
import { focusField } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import type { ScreeningSummary } from "../screening/results.ts";

export type HandoffKind = "scheduling" | "clinical";

const FIELDS = ["to", "situation", "background", "assessment", "recommendation"] as const;
type Field = (typeof FIELDS)[number];

type ClinicalTarget = "pool" | "named";
const CLINICAL_TARGETS: { value: ClinicalTarget; label: string }[] = [
  { value: "pool", label: "Clinical pool (any clinician)" },
  { value: "named", label: "A named clinician" },
];

function defaults(kind: HandoffKind, summary: ScreeningSummary) {
  if (kind === "scheduling") {
    return {
      situation:
        summary.result === "eligible"
          ? "Screened by phone for TMS for chronic pain: eligible, no flags. Ready to book a consult."
          : "Screened by phone for TMS for chronic pain; a clinician has cleared the flags. Ready to book a consult.",
      recommendation: "Book a consult and start the pre-treatment checklist: physical exam, lab tests, psychiatric evaluation.",
    };
  }
  const n = summary.flags.length;
  return {
    situation: `Screened by phone for TMS for chronic pain: the screen raised ${n} ${n === 1 ? "flag" : "flags"} that only a clinician may clear.`,
    recommendation: "Review the flags, then clear for scheduling or close as not a candidate.",
  };
}

export interface SentHandoff {
  /** Where it went, in words ("scheduling", "the clinical pool", a clinician's name). */
  to: string;
  at: Date;
}

interface HandoffFormProps {
  lead: { id: number; name: string | null };
  kind: HandoffKind;
  summary: ScreeningSummary;
  onSent: (sent: SentHandoff) => void;
}

export function HandoffForm({ lead, kind, summary, onSent }: HandoffFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A named clinician reads what the pool reads, so the pool stands for both before one is chosen.
  const preview = screeningAssessment(summary, kind === "scheduling" ? "scheduling" : "clinical_pool");
  const initial = defaults(kind, summary);
  const [situation, setSituation] = useState(initial.situation);
  // The screen already holds the facts: Background starts from them, for the coordinator to edit.
  // (On the screening page the completed screen may arrive just after the form: it fills in then,
  // unless the coordinator has started writing.)
  const screened = useQuery(trpc.screening.byLead.queryOptions({ leadId: lead.id }));
  const answers = ScreeningAnswers.safeParse(screened.data?.answers);
  const suggested = answers.success ? screeningBackground(answers.data) : "";
  const [background, setBackground] = useState(suggested);
  const [backgroundTouched, setBackgroundTouched] = useState(false);
  if (!backgroundTouched && suggested && background !== suggested) setBackground(suggested);
  const [assessment, setAssessment] = useState(preview);
  const [recommendation, setRecommendation] = useState(initial.recommendation);
  const [target, setTarget] = useState<ClinicalTarget>("pool");
  const [clinicianId, setClinicianId] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const clinicians = useQuery({ ...trpc.handoff.clinicians.queryOptions(), enabled: kind === "clinical" });
  const create = useMutation(trpc.handoff.create.mutationOptions());
  const chosen = clinicians.data?.find((c) => String(c.id) === clinicianId);

  const destination = kind === "scheduling" ? "scheduling" : target === "pool" ? "the clinical pool" : (chosen?.name ?? "the clinician you choose");

  function show(next: FieldErrors<Field>) {
    flushSync(() => setErrors(next));
    const first = FIELDS.find((f) => next[f]);
    // The "to" message sits on the clinician list once "a named clinician" is chosen.
    if (first) focusField(formRef.current, first === "to" && target === "named" ? "clinicianId" : first);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setFormError(null);
    if (kind === "clinical" && target === "named" && !chosen) {
      show({ to: "Choose the clinician to send it to" });
      return;
    }
    // Unchanged, the assessment is left to the server, which writes the same words from the stored screen.
    const typed = assessment.trim();
    const parsed = HandoffCreateInput.safeParse({
      leadId: lead.id,
      to: kind === "scheduling" ? "scheduling" : target === "pool" ? "clinical_pool" : { clinicianId: Number(clinicianId) },
      situation,
      background,
      assessment: typed && typed !== preview ? typed : undefined,
      recommendation,
    });
    if (!parsed.success) {
      show(firstMessages(z.flattenError(parsed.error).fieldErrors) as FieldErrors<Field>);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      async onSuccess(created) {
        onSent({ to: destination, at: created.createdAt });
        await queryClient.invalidateQueries(trpc.lead.pathFilter());
      },
      onError(error) {
        showServerErrors(error, { fields: FIELDS, show, setFormError });
      },
    });
  }

  return (
    <form ref={formRef} className="handoff-form" aria-label="Handoff note" noValidate onSubmit={onSubmit}>
      {kind === "clinical" ? (
        <div className="handoff-target">
          <RadioGroupField
            label="Send to"
            name="to"
            options={CLINICAL_TARGETS}
            value={target}
            onChange={(value) => {
              setTarget(value);
              setErrors(({ to: _fixed, ...rest }) => rest);
            }}
            error={target === "pool" ? errors.to : undefined}
          />
          {target === "named" ? (
            <SelectField
              label="Clinician"
              name="clinicianId"
              value={clinicianId}
              onChange={(e) => {
                setClinicianId(e.target.value);
                setErrors(({ to: _fixed, ...rest }) => rest);
              }}
              error={errors.to}
            >
              <option value="">{clinicians.isPending ? "Loading clinicians…" : "Choose a clinician"}</option>
              {(clinicians.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
      ) : (
        <p className="handoff-destination">
          To: <strong>Scheduling</strong> — they book the consult and the pre-treatment checklist.
        </p>
      )}
      <TextAreaField
        label="Situation"
        name="situation"
        hint="Why you are handing this lead on, in a sentence."
        rows={2}
        value={situation}
        onChange={(e) => setSituation(e.target.value)}
        error={errors.situation}
      />
      <TextAreaField
        label="Background"
        name="background"
        hint="What the receiver should know first: what the caller wants, best times to call, anything they asked about."
        rows={3}
        value={background}
        onChange={(e) => {
          setBackgroundTouched(true);
          setBackground(e.target.value);
        }}
        error={errors.background}
      />
      <TextAreaField
        label="Assessment"
        name="assessment"
        hint={
          kind === "scheduling"
            ? "Written from the screening: result and flags. The scheduler reads this note: leave clinical details out. Left as it is (or emptied), the server writes it from the stored screen."
            : "Written from the screening: result, flags, PEG, PHQ-9, notes. Left as it is (or emptied), the server writes it from the stored screen."
        }
        rows={4}
        value={assessment}
        onChange={(e) => setAssessment(e.target.value)}
        error={errors.assessment}
      />
      <TextAreaField
        label="Recommendation"
        name="recommendation"
        hint="What you ask the receiver to do."
        rows={2}
        value={recommendation}
        onChange={(e) => setRecommendation(e.target.value)}
        error={errors.recommendation}
      />
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {create.isPending ? "Sending…" : `Send to ${destination}`}
        </button>
      </div>
    </form>
  );
}
