// Input schemas for signing in and managing users, shared by the API and the sign-in form.
import { z } from "zod";
import { plainText } from "../common.ts";
import { ROLES } from "./roles.ts";

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address such as name@clinic.org").max(254),
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
  /** The 6-digit code from an authenticator app, for accounts with a second factor (every admin). */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "The authentication code is 6 digits")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const PASSWORD_MIN_LENGTH = 12;

export const UserCreateInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address such as name@clinic.org").max(254),
  name: z.string().trim().min(1, "Enter the person's name").max(200).superRefine(plainText("Name")),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(", ")}` }),
  password: z.string().min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`).max(1024, "Password is too long"),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

/** What `auth.me` returns. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
}
