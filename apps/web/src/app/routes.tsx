// The dashboard's addresses: sign-in outside the session guard, everything else inside it.
import type { RouteObject } from "react-router";
import { RequireSession } from "../features/auth/session.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { SIGN_IN_PATH } from "../features/auth/signInState.ts";
import { LeadPage } from "../features/leads/LeadPage.tsx";
import { LeadsPage } from "../features/leads/LeadsPage.tsx";
import { HomePage } from "./HomePage.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { RequireCapability } from "./RequireCapability.tsx";

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
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
