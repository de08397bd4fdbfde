// The dashboard's addresses: sign-in outside the session guard, everything else inside it.
import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import type { RouteObject } from "react-router";
import { RequireSession } from "../features/auth/session.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { SIGN_IN_PATH } from "../features/auth/signInState.ts";
import { RequireCapability } from "./RequireCapability.tsx";

/**
 * Each screen loads when it is first opened, so the first screen carries only its own code: sign-in
 * needs none of the signed-in frame, and a coordinator's browser never fetches the manager's charts.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const Layout = page(() => import("./Layout.tsx"), "Layout");
const HomePage = page(() => import("./HomePage.tsx"), "HomePage");
const NotFoundPage = page(() => import("./NotFoundPage.tsx"), "NotFoundPage");
const AuditPage = page(() => import("../features/audit/AuditPage.tsx"), "AuditPage");
const HandoffPage = page(() => import("../features/handoffs/HandoffPage.tsx"), "HandoffPage");
const InboxPage = page(() => import("../features/handoffs/InboxPage.tsx"), "InboxPage");
const PrintPage = page(() => import("../features/handoffs/PrintPage.tsx"), "PrintPage");
const ReviewPage = page(() => import("../features/handoffs/ReviewPage.tsx"), "ReviewPage");
const LeadPage = page(() => import("../features/leads/LeadPage.tsx"), "LeadPage");
const LeadsPage = page(() => import("../features/leads/LeadsPage.tsx"), "LeadsPage");
const MergePage = page(() => import("../features/duplicates/MergePage.tsx"), "MergePage");
const ReferrersPage = page(() => import("../features/referrers/ReferrersPage.tsx"), "ReferrersPage");
const LetterPage = page(() => import("../features/referrers/LetterPage.tsx"), "LetterPage");
const FunnelPage = page(() => import("../features/funnel/FunnelPage.tsx"), "FunnelPage");
const FunnelLeadsPage = page(() => import("../features/funnel/FunnelLeadsPage.tsx"), "FunnelLeadsPage");
const LinesPage = page(() => import("../features/lines/LinesPage.tsx"), "LinesPage");
const FaqAdminPage = page(() => import("../features/faq/FaqAdminPage.tsx"), "FaqAdminPage");
const ScreeningPage = page(() => import("../features/screening/ScreeningPage.tsx"), "ScreeningPage");
const AppointmentsPage = page(() => import("../features/scheduling/AppointmentsPage.tsx"), "AppointmentsPage");
const LeadSchedulingPage = page(() => import("../features/scheduling/LeadSchedulingPage.tsx"), "LeadSchedulingPage");
const InquirePage = page(() => import("../features/inquiry/InquirePage.tsx"), "InquirePage");
const SchedulingQueuePage = page(() => import("../features/scheduling/SchedulingQueuePage.tsx"), "SchedulingQueuePage");

/** While the frame's code loads: the same placeholder the session check shows, so nothing jumps. */
function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <main className="page-loading">
          <p role="status">Loading…</p>
        </main>
      }
    >
      {children}
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage /> },
  // Public: the clinic's site links to it; nobody signs in.
  {
    path: "inquire",
    element: (
      <Loading>
        <InquirePage />
      </Loading>
    ),
  },
  {
    element: (
      <RequireSession>
        <Loading>
          <Layout />
        </Loading>
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      {
        path: "leads",
        element: (
          <RequireCapability capability="lead.read">
            <LeadsPage />
          </RequireCapability>
        ),
      },
      {
        path: "leads/:id",
        element: (
          <RequireCapability capability="lead.read">
            <LeadPage />
          </RequireCapability>
        ),
      },
      {
        path: "leads/:id/merge/:otherId",
        element: (
          <RequireCapability capability="lead.merge">
            <MergePage />
          </RequireCapability>
        ),
      },
      {
        path: "referrers",
        element: (
          <RequireCapability capability="referrer.read">
            <ReferrersPage />
          </RequireCapability>
        ),
      },
      {
        path: "scheduling/leads/:id/letters/:kind",
        element: (
          <RequireCapability capability="referrer.letter">
            <LetterPage />
          </RequireCapability>
        ),
      },
      {
        path: "leads/:id/screening",
        element: (
          <RequireCapability capability="screening.work">
            <ScreeningPage />
          </RequireCapability>
        ),
      },
      {
        path: "leads/:id/handoff",
        element: (
          <RequireCapability capability="handoff.create">
            <HandoffPage />
          </RequireCapability>
        ),
      },
      {
        path: "inbox",
        element: (
          <RequireCapability capability="handoff.inbox">
            <InboxPage />
          </RequireCapability>
        ),
      },
      {
        path: "handoffs/:id/review",
        element: (
          <RequireCapability capability="clinician.review">
            <ReviewPage />
          </RequireCapability>
        ),
      },
      {
        path: "handoffs/:id/print",
        element: (
          <RequireCapability capability="handoff.inbox">
            <PrintPage />
          </RequireCapability>
        ),
      },
      {
        path: "scheduling",
        element: (
          <RequireCapability capability="scheduling.queue">
            <SchedulingQueuePage />
          </RequireCapability>
        ),
      },
      {
        path: "scheduling/leads/:id",
        element: (
          <RequireCapability capability="appointment.read">
            <LeadSchedulingPage />
          </RequireCapability>
        ),
      },
      {
        path: "appointments",
        element: (
          <RequireCapability capability="appointment.read">
            <AppointmentsPage />
          </RequireCapability>
        ),
      },
      {
        path: "audit",
        element: (
          <RequireCapability capability="audit.read">
            <AuditPage />
          </RequireCapability>
        ),
      },
      {
        path: "admin/lines",
        element: (
          <RequireCapability capability="line.admin">
            <LinesPage />
          </RequireCapability>
        ),
      },
      {
        path: "admin/answers",
        element: (
          <RequireCapability capability="faq.history">
            <FaqAdminPage />
          </RequireCapability>
        ),
      },
      {
        path: "funnel",
        element: (
          <RequireCapability capability="funnel.read">
            <FunnelPage />
          </RequireCapability>
        ),
      },
      {
        path: "funnel/leads",
        element: (
          <RequireCapability capability="funnel.leads">
            <FunnelLeadsPage />
          </RequireCapability>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
