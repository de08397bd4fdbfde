// The tasks module: callbacks and follow-ups, when they are due, and the coordinator's work queue.
export * from "./task.ts";
export * from "./due.ts";
export * from "./workQueue.ts";
