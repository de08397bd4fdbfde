// The signed-in frame: header (brand, navigation, Log a call, the live indicator, who is signed in), the
// clinician's urgent alert, the escalation banner, the coordinator's live calls, then the page; and the
// frame's live stream (the inbox for those who receive handoffs, the work queue for coordinators). When
// the server ends a stream because the session ended, the page gives way to a sign-in prompt.
import { Suspense, useEffect, useRef } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { ROLE_LABELS, can } from "@intake/domain";
import { useUser } from "../features/auth/session.tsx";
import { SignOutButton } from "../features/auth/SignOutButton.tsx";
import { CallLogProvider } from "../features/calls/CallLogProvider.tsx";
import { LogCallButton } from "../features/calls/LogCallButton.tsx";
import { EscalationBanner } from "../features/handoffs/EscalationBanner.tsx";
import { useInboxLive } from "../features/handoffs/inbox.ts";
import { UrgentAlerts } from "../features/handoffs/UrgentAlerts.tsx";
import { UrgentBanner } from "../features/handoffs/UrgentBanner.tsx";
import { LiveIndicator, LiveProvider, useLiveState } from "../features/live/liveState.tsx";
import { SignedOutCover } from "../features/live/SignedOutCover.tsx";
import { useWorkQueueLive } from "../features/tasks/useWorkQueueLive.ts";
import { useLeadSearchShortcut } from "../features/leads/leadSearchShortcut.ts";
import { LiveCallsBanner } from "../features/livecalls/LiveCallsBanner.tsx";
import { AnswersButton, AnswersProvider } from "../features/faq/AnswersPanel.tsx";
import { CallerLanguageProvider } from "../features/faq/callerLanguage.tsx";
import { Navigation } from "./Navigation.tsx";

export function Layout() {
  const user = useUser();
  const frame = (
    <LiveProvider>
      <CallerLanguageProvider>
        {can(user.role, "faq.read") ? (
          <AnswersProvider>
            <Frame />
          </AnswersProvider>
        ) : (
          <Frame />
        )}
      </CallerLanguageProvider>
    </LiveProvider>
  );
  return can(user.role, "call.log") ? <CallLogProvider>{frame}</CallLogProvider> : frame;
}

function Frame() {
  const user = useUser();
  useLeadSearchShortcut(can(user.role, "lead.read"));
  // One live connection per open dashboard: the badge, the banner and the inbox page all follow it.
  useInboxLive(can(user.role, "handoff.inbox"));
  useWorkQueueLive(can(user.role, "workQueue.read"));
  const signedOut = useLiveState() === "signed_out";
  const mainRef = useMoveFocusOnNavigation();

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" /> Iris Intake
          </Link>
          <Navigation />
          <div className="header-actions">
            <LogCallButton />
            <AnswersButton />
            <LiveIndicator announce />
            <p className="signed-in">
              <span className="signed-in-name">{user.name}</span>
              <span className="signed-in-role">{ROLE_LABELS[user.role]}</span>
            </p>
            <SignOutButton />
          </div>
        </div>
      </header>
      {signedOut ? (
        <SignedOutCover />
      ) : (
        <>
          {can(user.role, "clinician.review") ? (
            <>
              <UrgentBanner />
              <UrgentAlerts />
            </>
          ) : null}
          {can(user.role, "handoff.escalations") ? <EscalationBanner /> : null}
          {can(user.role, "call.log") ? <LiveCallsBanner /> : null}
          <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
            {/* A screen's code loads on first visit; the frame stays in place meanwhile. */}
            <Suspense fallback={<p role="status">Loading…</p>}>
              <Outlet />
            </Suspense>
          </main>
        </>
      )}
    </div>
  );
}

/**
 * A new screen has no page load for a screen reader to notice, and the link that was followed may be
 * gone: focus goes to the top of the new screen, unless something on it has already taken focus.
 */
function useMoveFocusOnNavigation() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: false });
  }, [pathname]);
  return mainRef;
}
