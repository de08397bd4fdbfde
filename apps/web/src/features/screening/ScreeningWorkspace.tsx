// A screen in progress: the form, the autosave, the running result and crisis steps beside it, and
// Complete (which lists what is still open, or hands the answers to the server to decide).
import { useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  SCREENING_FORM,
  allQuestions,
  clinicDate,
  evaluateDraft,
  questionById,
  sectionProgress,
  type Offered,
  type Questionnaire,
  type ScreeningDraft,
} from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { clinicSameDay, formatClinicDated, formatClinicTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useNow } from "../../ui/useNow.ts";
import { CrisisSteps, useClinicalCoverage } from "./CrisisSteps.tsx";
import { QUESTIONNAIRE_NAMES, isOffered, questionDomId, questionnaireAnswered, sectionDomId, setAnswer, setOffered } from "./draft.ts";
import { focusQuestion, nextUnanswered, questionOf } from "./focusQuestion.ts";
import { RunningResult } from "./RunningResult.tsx";
import { ScreeningForm } from "./ScreeningForm.tsx";
import { SectionNav } from "./SectionNav.tsx";
import { useAutosave, type AutosaveStatus } from "./useAutosave.ts";

export type StartedScreening = RouterOutputs["screening"]["start"];

interface Saved {
  answers: ScreeningDraft;
  offered: Offered;
}

/** Every question's path in asking order, hidden ones included, so "next after" works from anywhere. */
const ASKING_ORDER = allQuestions().map((q) => q.id);

const PEG_NAMES: Record<string, string> = {
  "pain.peg.average": "PEG: average pain",
  "pain.peg.enjoyment": "PEG: enjoyment of life",
  "pain.peg.activity": "PEG: general activity",
};

/** A question's name short enough for a list of what is still open. */
function shortLabel(path: string): string {
  const question = questionById(path);
  if (question.questionnaire) {
    const index = /\[(\d+)\]$/.exec(path)?.[1];
    return `${QUESTIONNAIRE_NAMES[question.questionnaire]} item ${Number(index ?? 0) + 1}`;
  }
  const peg = PEG_NAMES[path];
  if (peg) return peg;
  return question.label.length > 72 ? `${question.label.slice(0, 70).trimEnd()}…` : question.label;
}

function sectionTitleOf(path: string): string {
  const sectionId = path.split(".")[0];
  return SCREENING_FORM.sections.find((s) => s.id === sectionId)?.title ?? "";
}

export function ScreeningWorkspace({ screening, draft: initialDraft }: { screening: StartedScreening; draft: ScreeningDraft }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useClinicalCoverage(false);
  const [today] = useState(() => clinicDate(new Date()));
  const [draft, setDraft] = useState<ScreeningDraft>(initialDraft);
  const [offered, setOfferedState] = useState<Offered>(screening.offered);
  const [showMissing, setShowMissing] = useState(false);
  const [completeError, setCompleteError] = useState<string | null>(null);
  const [currentSection, setCurrentSection] = useState<string | null>(null);
  const completeRef = useRef<HTMLButtonElement>(null);
  const missingHeadingRef = useRef<HTMLHeadingElement>(null);

  const save = useMutation(trpc.screening.save.mutationOptions());
  const autosave = useAutosave<Saved>((value) => save.mutateAsync({ id: screening.id, ...value }), {
    savedAt: Object.keys(initialDraft).length > 0 ? screening.updatedAt : null,
  });
  const complete = useMutation(trpc.screening.complete.mutationOptions());
  const escalate = useMutation(trpc.screening.escalate.mutationOptions());
  const [alerted, setAlerted] = useState(false);

  const evaluation = useMemo(() => evaluateDraft(draft, today, offered), [draft, today, offered]);
  const progress = useMemo(() => sectionProgress(draft, offered), [draft, offered]);
  const answered = progress.reduce((n, s) => n + s.answered, 0);
  const total = progress.reduce((n, s) => n + s.total, 0);
  const missing = evaluation.missing;
  const urgent = evaluation.result === "urgent";

  // A caller in crisis cannot wait for the rest of the screen: once the answers make it urgent,
  // save them and alert the clinical pool now (the server checks the saved answers itself).
  const onUrgent = useEffectEvent(async () => {
    if (alerted || escalate.isPending) return;
    if (!(await autosave.flush())) return;
    try {
      await escalate.mutateAsync({ id: screening.id });
      setAlerted(true);
    } catch {
      // Shown by the crisis box: completing the screen alerts a clinician too.
    }
  });
  useEffect(() => {
    if (urgent) void onUrgent();
  }, [urgent]);

  function commit(nextDraft: ScreeningDraft, nextOffered: Offered) {
    setDraft(nextDraft);
    setOfferedState(nextOffered);
    setCompleteError(null);
    autosave.changed({ answers: nextDraft, offered: nextOffered });
  }

  function onAnswer(path: string, value: unknown) {
    commit(setAnswer(draft, path, value), offered);
  }

  function onOffer(name: Questionnaire, on: boolean) {
    if (!on && questionnaireAnswered(name, draft) > 0) {
      const ok = window.confirm(`Withdraw the ${QUESTIONNAIRE_NAMES[name]}? The answers given to it so far are removed.`);
      if (!ok) return;
    }
    const next = setOffered(name, on, draft, offered);
    commit(next.draft, next.offered);
  }

  function goNext(from: string | null) {
    const target = nextUnanswered(from, ASKING_ORDER, missing);
    if (!target || !focusQuestion(target)) completeRef.current?.focus();
  }

  function goToSection(sectionId: string) {
    const firstOpen = missing.find((path) => path.startsWith(`${sectionId}.`));
    if (firstOpen && focusQuestion(firstOpen)) return;
    const heading = document.getElementById(`${sectionDomId(sectionId)}-heading`);
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: "start" });
  }

  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== "KeyN") return;
    event.preventDefault();
    goNext(questionOf(document.activeElement));
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  // A resumed screen opens where the call left off.
  const onOpen = useEffectEvent(() => {
    const first = missing[0];
    if (first) focusQuestion(first);
  });
  useEffect(() => onOpen(), []);

  async function onComplete() {
    if (complete.isPending) return;
    setCompleteError(null);
    if (missing.length > 0) {
      flushSync(() => setShowMissing(true));
      missingHeadingRef.current?.focus();
      return;
    }
    const saved = await autosave.flush();
    if (!saved) {
      setCompleteError("The last answers are not saved yet, so the screen cannot be completed. Check the connection and press Complete again.");
      return;
    }
    complete.mutate(
      { id: screening.id },
      {
        async onSuccess() {
          // The page shows the completed screen once the lead and its screening are read again.
          await Promise.all([queryClient.invalidateQueries(trpc.screening.pathFilter()), queryClient.invalidateQueries(trpc.lead.pathFilter())]);
        },
        onError(error) {
          setCompleteError(errorSentence(error));
        },
      },
    );
  }

  const questionnaires = {
    phq9: { offered: isOffered("phq9", draft, offered), answered: questionnaireAnswered("phq9", draft) },
    gad7: { offered: isOffered("gad7", draft, offered), answered: questionnaireAnswered("gad7", draft) },
  };

  return (
    <div className="screening-layout">
      <div
        className="screening-main"
        onFocus={(event) => setCurrentSection(event.target.closest("section")?.id.replace(/^section-/, "") ?? null)}
        onBlur={() => void autosave.flush()}
      >
        <SectionNav progress={progress} current={currentSection} onGo={goToSection} />
        <ScreeningForm
          draft={draft}
          offered={offered}
          evaluation={evaluation}
          progress={progress}
          today={today}
          missingShown={showMissing ? new Set(missing) : EMPTY}
          onAnswer={onAnswer}
          onOffer={onOffer}
          onNext={goNext}
        />
      </div>

      <div className="screening-aside">
        {urgent ? <CrisisDock alerted={alerted} remaining={missing.length} /> : null}
        <SaveStatus status={autosave.status} onRetry={autosave.retryNow} />
        <RunningResult evaluation={evaluation} questionnaires={questionnaires} />

        <div className="aside-block">
          <p className="progress-text" id="screening-progress-label">
            {answered} of {total} questions answered
          </p>
          <progress value={answered} max={total} aria-labelledby="screening-progress-label" />
          <div className="aside-actions">
            <button type="button" className="button button-secondary" aria-keyshortcuts="Alt+N" onClick={() => goNext(questionOf(document.activeElement))}>
              Next unanswered
              <kbd aria-hidden="true">Alt+N</kbd>
            </button>
            <button ref={completeRef} type="button" className={urgent ? "button button-crisis" : "button"} onClick={() => void onComplete()}>
              {/* Once the alert has gone out mid-call, Complete no longer sends one: it only finishes the screen. */}
              {complete.isPending ? "Completing…" : urgent && !alerted ? "Complete and alert a clinician" : "Complete screening"}
            </button>
          </div>
        </div>
        {showMissing && missing.length > 0 ? (
          <section className="missing-panel" aria-labelledby="missing-heading">
            <h2 id="missing-heading" ref={missingHeadingRef} tabIndex={-1}>
              Still to answer: {missing.length}
            </h2>
            <ul>
              {missing.map((path) => (
                <li key={path}>
                  <a
                    href={`#${questionDomId(path)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusQuestion(path);
                    }}
                  >
                    <span className="missing-section">{sectionTitleOf(path)}:</span> {shortLabel(path)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <ErrorNotice>{completeError}</ErrorNotice>
        <p className="form-keys">
          <kbd>Enter</kbd> in a question moves to the next unanswered one; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> from a text box.
        </p>
      </div>
    </div>
  );
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The crisis steps beside a screen in progress. Below the desktop width they are held at the bottom
 * of the window (screening.css): their height goes to the page, so that focus and "next question"
 * jumps stop above them, and the answer that turned the screen urgent is kept in sight above them.
 */
function CrisisDock({ alerted, remaining }: { alerted: boolean; remaining: number }) {
  const dockRef = useRef<HTMLDivElement>(null);
  // In a window too short for all the steps they scroll inside the box, which then takes focus so the
  // keyboard can scroll it; steps that fit add no stop to the tab order.
  const [scrolls, setScrolls] = useState(false);

  useLayoutEffect(() => {
    const dock = dockRef.current;
    if (!dock) return;
    const root = document.documentElement;
    const measure = () => {
      root.style.setProperty("--crisis-dock-height", `${dock.offsetHeight}px`);
      setScrolls(dock.scrollHeight > dock.clientHeight + 1);
    };
    measure();
    // Before the first paint with the steps, so the coordinator never sees the answer covered.
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.closest("[data-question]")) active.scrollIntoView({ block: "nearest" });
    const observer = new ResizeObserver(measure);
    observer.observe(dock);
    if (dock.firstElementChild) observer.observe(dock.firstElementChild);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--crisis-dock-height");
    };
  }, []);

  return (
    <div ref={dockRef} className="crisis-dock" {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": "Crisis steps (scroll for the rest)" } : {})}>
      <CrisisSteps alerted={alerted} remaining={remaining} />
    </div>
  );
}

function saveText(status: AutosaveStatus, now: Date): string {
  switch (status.kind) {
    case "idle":
      return "Answers save as you go";
    case "saving":
      return "Saving…";
    case "saved":
      // A resumed screen may have been saved days or months ago: a bare time would read as today.
      return clinicSameDay(status.at, now) ? `Saved at ${formatClinicTime(status.at)}` : `Saved ${formatClinicDated(status.at, now)}`;
    case "retrying":
      return "Couldn't save — retrying";
    case "failed":
      return `Couldn't save: ${status.message}`;
  }
}

function SaveStatus({ status, onRetry }: { status: AutosaveStatus; onRetry: () => void }) {
  const trouble = status.kind === "retrying" || status.kind === "failed";
  // Re-read now and then, so a screen left open past midnight stops saying "today".
  const now = useNow(60_000);
  return (
    <div className={`save-status save-${status.kind}`}>
      <span role="status">{saveText(status, now)}</span>
      {trouble ? (
        <button type="button" className="button button-small button-secondary" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
