// What travels to the sign-in page in history state: why the person is there, and where to go back to.
import { z } from "zod";

export const SIGN_IN_PATH = "/sign-in";

export const SignInState = z
  .object({
    notice: z.string().max(300).optional(),
    // Only a path inside the dashboard, never another origin ("//evil.example" is one).
    from: z
      .string()
      .regex(/^\/(?!\/)/)
      .optional()
      .catch(undefined),
  })
  .catch({});
export type SignInState = z.infer<typeof SignInState>;
