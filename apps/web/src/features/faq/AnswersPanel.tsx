// The clinic's answers, one key away on every screen: `?` outside a text field, or Alt+A anywhere
// (inside the screening form's text fields too, where a bare key must type). A modal dialog: it takes
// focus into its search box, Escape closes it, and focus goes back where it was.
import { createContext, use, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { searchFaq } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { useCallerLanguage } from "./callerLanguage.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import "./answers.css";

/** Inputs where a typed character is not text: the screening form's radios and boxes, buttons. */
const NOT_TEXT = new Set(["radio", "checkbox", "button", "submit", "reset", "range", "color", "file"]);

/** Whether a key pressed on this element would be typed into it. */
function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

const AnswersContext = createContext<(() => void) | null>(null);

/** Opens the answers panel; null outside the provider. */
export function useOpenAnswers(): (() => void) | null {
  return use(AnswersContext);
}

/** The header's button: the same panel for those who reach for the mouse. */
export function AnswersButton() {
  const open = useOpenAnswers();
  if (!open) return null;
  return (
    <button type="button" className="button button-secondary answers-button" aria-keyshortcuts="Shift+? Alt+A" onClick={open}>
      <span className="answers-word">Answers</span> <kbd aria-hidden="true">?</kbd>
    </button>
  );
}

export function AnswersProvider({ children }: { children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);

  function show() {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    setOpen(true);
  }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey) return;
      // Alt+A by key position (on a Mac, Option+A types "å"); a bare ? only where it would not be typed.
      const altA = event.altKey && event.code === "KeyA";
      const question = !event.altKey && event.key === "?" && !takesText(event.target);
      if (!altA && !question) return;
      event.preventDefault();
      show();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  });

  function onClose() {
    setOpen(false);
    // Back to the question (or button) the coordinator left, without scrolling the page away from it.
    returnTo.current?.focus({ preventScroll: true });
    returnTo.current = null;
  }

  return (
    <AnswersContext value={show}>
      {children}
      <dialog ref={dialogRef} className="answers-dialog" aria-labelledby="answers-heading" onClose={onClose}>
        {open ? <AnswersSearch close={() => dialogRef.current?.close()} /> : null}
      </dialog>
    </AnswersContext>
  );
}

function AnswersSearch({ close }: { close: () => void }) {
  const trpc = useTRPC();
  const language = useCallerLanguage();
  const answers = useQuery(trpc.faq.list.queryOptions({ language }));
  const [query, setQuery] = useState("");
  const searchId = useId();
  const items = answers.data ? searchFaq(answers.data.items, query) : [];

  return (
    <div className="answers">
      <div className="answers-header">
        <h2 id="answers-heading">Clinic answers{language === "es" ? " (Spanish, English beside)" : ""}</h2>
        <button type="button" className="button button-secondary" onClick={close}>
          Close <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
      <label htmlFor={searchId}>Search answers</label>
      {/* The one field of the dialog: the coordinator opened it to type. */}
      <input
        id={searchId}
        type="search"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        // Escape closes the panel: a search box would otherwise spend it on clearing what was typed.
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.preventDefault();
          close();
        }}
        autoComplete="off"
      />
      {answers.isError ? (
        <ErrorNotice>{errorSentence(answers.error)}</ErrorNotice>
      ) : answers.isPending ? (
        <p role="status">Loading the answers…</p>
      ) : (
        <>
          <p role="status" className="muted">
            {items.length === 1 ? "1 answer" : `${items.length} answers`}
          </p>
          <ul className="answers-list">
            {items.map((item) => (
              <li key={item.id}>
                <article aria-labelledby={`answer-${item.id}`}>
                  <h3 id={`answer-${item.id}`} lang={language}>
                    {item.question}
                  </h3>
                  <p lang={language}>{item.answer}</p>
                  {language !== "en" ? (
                    <p className="answers-english" lang="en">
                      <span className="visually-hidden">In English: </span>
                      {item.english.answer}
                    </p>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
