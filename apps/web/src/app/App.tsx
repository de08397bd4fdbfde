// The dashboard's root: query cache, tRPC client and router, and what happens when a session ends.
import { QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { createApiClient, TRPCProvider } from "../api/trpc.ts";
import { SIGN_IN_PATH, type SignInState } from "../features/auth/signInState.ts";
import { createQueryClient } from "./queryClient.ts";
import { routes } from "./routes.tsx";

const router = createBrowserRouter(routes);
const trpcClient = createApiClient();
const queryClient = createQueryClient((message) => void endSession(message));

/**
 * The server answered UNAUTHORIZED to something the person did: their session is over (expired, or
 * signed out elsewhere). Send them to sign in with the server's reason, then drop every cached
 * record so no patient data stays on screen or in memory.
 */
async function endSession(message: string) {
  const here = router.state.location;
  if (here.pathname === SIGN_IN_PATH) return;
  const state: SignInState = { notice: message, from: here.pathname + here.search };
  await router.navigate(SIGN_IN_PATH, { replace: true, state });
  queryClient.clear();
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
