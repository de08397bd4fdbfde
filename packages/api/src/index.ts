// The API package: the router, its context, and the services the server's CLI reuses.
export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root.ts";
export { DEFAULT_ALERT_SETTINGS, type AlertSettings, type Context, type SessionCookie } from "./context.ts";
export { ALERT_CHECK_MS, runAlertChecks, startAlertClock, startPeriodic } from "./services/alerts.ts";
export { hashPassword } from "./services/password.ts";
export { createUser, setAuthenticator } from "./services/user.ts";
export { totpCode, totpStep } from "./services/totp.ts";
export { purgeSessions, IDLE_TIMEOUT_MS, ABSOLUTE_LIFETIME_MS } from "./services/session.ts";
export { AppError } from "./errors.ts";
export { IntakeEvents, type IntakeEvent } from "./events.ts";
export { appendAudit, verifyAudit } from "./audit/log.ts";
export { isKnownLine, lineSecretRef, recordProviderCall } from "./services/telephony.ts";
export { inlineReports, inlineWrites, mutate, threadReports, threadWrites, type ReportExecutor, type WriteExecutor } from "./threads/executor.ts";
export { SERVER_ACTIONS, WEBSITE_ACTOR } from "./audit/policy.ts";
export {
  INQUIRY_LIMITS,
  forgetOldInquiryCounts,
  inquiryLimitKeys,
  newInquiryReference,
  receiveInquiry,
  takeInquirySlot,
  type ReceivedInquiry,
} from "./services/inquiry.ts";
export { isOurText, receiveText, recordTextStatusReport, type OutboundText, type TextSender } from "./services/messaging.ts";
export { afterInboundText } from "./services/inbound.ts";
export { sendDueReminders, textBackMissedCall } from "./services/reminders.ts";
