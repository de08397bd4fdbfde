// The domain: pure rules and the schemas both ends share. No I/O lives here.
export * from "./common.ts";
export * from "./phone/phone.ts";
export * from "./auth/roles.ts";
export * from "./auth/schemas.ts";
export * from "./lead/lifecycle.ts";
export * from "./lead/lead.ts";
export * from "./call/call.ts";
export * from "./clinic.ts";
export * from "./handoff/handoff.ts";
export * from "./screening/index.ts";
export * from "./scheduling/index.ts";
export * from "./tasks/index.ts";
export * from "./funnel/index.ts";
export * from "./telephony/telephony.ts";
export * from "./audit/audit.ts";
export * from "./audit/labels.ts";
export * from "./fhir/index.ts";
