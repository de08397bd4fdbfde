// The dashboard's addresses: sign-in outside the session guard, everything else inside it.
import { lazy, Suspense } from "react";
import type { RouteObject } from "react-router";
import { AuditPage } from "../features/audit/AuditPage.tsx";
import { RequireSession } from "../features/auth/session.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { SIGN_IN_PATH } from "../features/auth/signInState.ts";
import { HandoffPage } from "../features/handoffs/HandoffPage.tsx";
import { InboxPage } from "../features/handoffs/InboxPage.tsx";
import { PrintPage } from "../features/handoffs/PrintPage.tsx";
import { ReviewPage } from "../features/handoffs/ReviewPage.tsx";
import { LeadPage } from "../features/leads/LeadPage.tsx";
import { LeadsPage } from "../features/leads/LeadsPage.tsx";
import { FunnelLeadsPage } from "../features/funnel/FunnelLeadsPage.tsx";
import { LinesPage } from "../features/lines/LinesPage.tsx";
import { FaqAdminPage } from "../features/faq/FaqAdminPage.tsx";
import { ScreeningPage } from "../features/screening/ScreeningPage.tsx";
import { AppointmentsPage } from "../features/scheduling/AppointmentsPage.tsx";
import { LeadSchedulingPage } from "../features/scheduling/LeadSchedulingPage.tsx";
import { SchedulingQueuePage } from "../features/scheduling/SchedulingQueuePage.tsx";
import { HomePage } from "./HomePage.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { RequireCapability } from "./RequireCapability.tsx";

/** The funnel's charting library is large and only managers need it: it loads with that page. */
const FunnelPage = lazy(() => import("../features/funnel/FunnelPage.tsx").then((m) => ({ default: m.FunnelPage })));

export const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <Layout />
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
            <Suspense fallback={<p role="status">Loading the funnel…</p>}>
              <FunnelPage />
            </Suspense>
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
