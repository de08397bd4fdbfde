// The whole API: one router per domain, and the types clients derive from it.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { auditRouter } from "./router/audit.ts";
import { authRouter } from "./router/auth.ts";
import { callProcedures } from "./router/call.ts";
import { clinicianRouter, handoffRouter } from "./router/handoff.ts";
import { leadRouter } from "./router/lead.ts";
import { screeningRouter } from "./router/screening.ts";
import { lineRouter } from "./router/line.ts";
import { appointmentRouter } from "./router/appointment.ts";
import { checklistRouter, courseRouter, schedulingRouter } from "./router/scheduling.ts";
import { taskRouter, workQueueRouter } from "./router/task.ts";
import { funnelRouter } from "./router/funnel.ts";
import { reportRouter } from "./router/report.ts";
import { fhirRouter } from "./router/fhir.ts";
import { faqRouter } from "./router/faq.ts";
import { referrerRouter } from "./router/referrer.ts";
import { messageRouter } from "./router/message.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  audit: auditRouter,
  ...callProcedures,
  lead: leadRouter,
  line: lineRouter,
  screening: screeningRouter,
  handoff: handoffRouter,
  clinician: clinicianRouter,
  scheduling: schedulingRouter,
  appointment: appointmentRouter,
  checklist: checklistRouter,
  course: courseRouter,
  task: taskRouter,
  workQueue: workQueueRouter,
  funnel: funnelRouter,
  report: reportRouter,
  fhir: fhirRouter,
  faq: faqRouter,
  referrer: referrerRouter,
  message: messageRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
