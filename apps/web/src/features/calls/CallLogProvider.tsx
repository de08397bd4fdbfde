// The Log a call form's state for the whole signed-in session: open or not, what is typed, what was saved.
import { createContext, use, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { useKeyShortcut, usePageLeavingKeysOn } from "../../ui/useKeyShortcut.ts";
import { toClinicInputValue } from "../../ui/clinicTime.ts";
import { newDraft, type CallDraft } from "./callDraft.ts";

/** The one key that opens the form from anywhere (outside a text field), but a screening. */
export const LOG_CALL_KEY = "n";

export interface LoggedCall {
  at: Date;
  lead: { id: number; label: string; created: boolean } | null;
}

interface CallLogState {
  isOpen: boolean;
  /** Whether the N key opens the form on this page. */
  keyOn: boolean;
  /** Bumped on every open, so the form moves focus to its first field even when already open. */
  focusRequest: number;
  open: () => void;
  close: () => void;
  draft: CallDraft;
  setDraft: (update: (draft: CallDraft) => CallDraft) => void;
  lastLogged: LoggedCall | null;
  /** Records a saved call: clears the draft, closes the form, shows the confirmation. */
  saved: (call: LoggedCall) => void;
}

const CallLogContext = createContext<CallLogState | null>(null);

/** The form's state, or null for a role that may not log calls. */
export function useCallLog(): CallLogState | null {
  return use(CallLogContext);
}

export function CallLogProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [isOpen, setIsOpen] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const [draft, setDraftState] = useState(() => newDraft(new Date()));
  const [lastLogged, setLastLogged] = useState<LoggedCall | null>(null);

  function open() {
    // The form lives on the home screen; "started at" is when it was first opened for this call
    // (the moment it was answered: the timer runs from there), unless someone has set it.
    if (pathname !== "/") void navigate("/");
    setDraftState((d) => {
      if (d.startedAtEdited) return d;
      const answeredAt = d.answeredAt ?? Date.now();
      return { ...d, answeredAt, startedAt: toClinicInputValue(new Date(answeredAt)) };
    });
    setIsOpen(true);
    setFocusRequest((n) => n + 1);
  }

  const keyOn = usePageLeavingKeysOn();
  useKeyShortcut(LOG_CALL_KEY, open, keyOn);

  const state: CallLogState = {
    isOpen,
    keyOn,
    focusRequest,
    open,
    // Closing keeps what was typed: an Escape pressed by mistake must not lose a caller's details.
    close: () => setIsOpen(false),
    draft,
    setDraft: setDraftState,
    lastLogged,
    saved(call) {
      setLastLogged(call);
      setDraftState(newDraft(new Date()));
      setIsOpen(false);
    },
  };
  return <CallLogContext value={state}>{children}</CallLogContext>;
}
