// What the whole frame shows once the server has closed a live stream because the session ended.
import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router";
import { useTitleOverride } from "../../ui/useTitleOverride.ts";
import { SIGN_IN_PATH, type SignInState } from "../auth/signInState.ts";

export const SIGNED_OUT_TITLE = "Signed out — Iris Intake";

/**
 * Takes the page's place (its patient data leaves the screen) with a sign-in prompt that brings the person
 * back to this very address. It says plainly that alerts stop until then: a clinician glancing at
 * the screen must not take it for a quiet inbox.
 */
export function SignedOutCover() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useTitleOverride(SIGNED_OUT_TITLE);
  useEffect(() => headingRef.current?.focus(), []);
  async function signInAgain() {
    const state: SignInState = { from: location.pathname + location.search, notice: "You were signed out. Sign in again to get alerts." };
    await navigate(SIGN_IN_PATH, { replace: true, state });
    // Nothing read while signed in stays in memory.
    queryClient.clear();
  }
  return (
    <main id="main" className="signed-out-cover">
      <section className="signed-out-box" aria-labelledby="signed-out-heading">
        <h1 id="signed-out-heading" ref={headingRef} tabIndex={-1}>
          Signed out
        </h1>
        <p id="signed-out-text">
          Your session ended, so this screen no longer receives urgent alerts or live updates. Sign in again to get them; you will come back to this page.
        </p>
        <button type="button" className="button" onClick={() => void signInAgain()}>
          Sign in again
        </button>
      </section>
    </main>
  );
}
