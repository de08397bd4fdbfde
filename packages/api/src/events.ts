// In-process notifications that drive live screens (the inbox, the urgent alert) over SSE.
import { EventEmitter, on } from "node:events";
import type { HandoffTarget } from "@intake/domain";

export interface HandoffEvent {
  kind: "handoff.created" | "handoff.acknowledged";
  handoffId: number;
  leadId: number;
  target: HandoffTarget;
  clinicianId: number | null;
  urgent: boolean;
}

export type IntakeEvent = HandoffEvent;

/** One bus per server process; events carry ids and routing only, never patient data. */
export class IntakeEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open dashboard holds one listener.
    this.emitter.setMaxListeners(0);
  }

  emit(event: IntakeEvent): void {
    this.emitter.emit("event", event);
  }

  /** Events as they happen, until the signal aborts. */
  async *stream(signal: AbortSignal | undefined): AsyncGenerator<IntakeEvent> {
    for await (const [event] of on(this.emitter, "event", signal ? { signal } : {})) {
      yield event as IntakeEvent;
    }
  }

  listenerCount(): number {
    return this.emitter.listenerCount("event");
  }
}
