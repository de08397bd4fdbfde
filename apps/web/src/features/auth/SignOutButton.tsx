// Signing out: end the server session, forget everything cached about patients, go to sign-in.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useTRPC } from "../../api/trpc.ts";
import { SIGN_IN_PATH, type SignInState } from "./signInState.ts";

export function SignOutButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      // Even if the server cannot be reached, this screen must stop showing patient data.
      async onSettled() {
        const state: SignInState = { notice: "You have signed out." };
        await navigate(SIGN_IN_PATH, { replace: true, state });
        queryClient.clear();
      },
    }),
  );
  return (
    <button type="button" className="button button-secondary button-small" onClick={() => signOut.mutate()}>
      Sign out
    </button>
  );
}
