// Whether the server can be reached from the network: then demo users (whose password, and the demo
// admin's authenticator secret, are printed in the README) must not exist.
import { isIP } from "node:net";

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === "localhost" || host === "::1") return true;
  const v4 = host.startsWith("::ffff:") ? host.slice(7) : host;
  return isIP(v4) === 4 && v4.startsWith("127.");
}

/** Listening beyond loopback, or behind a proxy (which forwards the network to it). */
export function reachable(env: { HOST: string; TRUST_PROXY: unknown }): boolean {
  return !isLoopback(env.HOST) || Boolean(env.TRUST_PROXY);
}

/** Demo users and data only on a server nobody else can reach, and not in production. */
export function demoAllowed(env: { HOST: string; TRUST_PROXY: unknown; NODE_ENV: string }): boolean {
  return env.NODE_ENV !== "production" && !reachable(env);
}

export const DEMO_USERS_REFUSAL =
  "This database holds the demo users, whose passwords are public, and this server can be reached from the network: remove them with `pnpm intake user remove-demo`, then start again.";
