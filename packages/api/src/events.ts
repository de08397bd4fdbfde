// In-process notifications that drive live screens (the inbox, the urgent alert) over SSE.
import { EventEmitter, on } from "node:events";
import type { HandoffTarget } from "@intake/domain";

export interface HandoffEvent {
  /** `updated`: the lead behind an unread note moved (an escalated screen was completed). */
  kind: "handoff.created" | "handoff.acknowledged" | "handoff.updated";
  handoffId: number;
  leadId: number;
  target: HandoffTarget;
  clinicianId: number | null;
  urgent: boolean;
}

/** A lead appeared or its status moved (the work queue's new-lead list changes). */
export interface LeadChangeEvent {
  kind: "lead.created" | "lead.changed";
  leadId: number;
}

/** A callback or follow-up was planned or done; `ownerId` null is the desk's. */
export interface TaskEvent {
  kind: "task.created" | "task.completed";
  taskId: number;
  leadId: number;
  ownerId: number | null;
}

export interface AppointmentEvent {
  kind: "appointment.booked" | "appointment.rescheduled" | "appointment.cancelled" | "appointment.outcome";
  appointmentId: number;
  leadId: number;
  clinicianId: number;
}

/** A call the phone system reports rang, was answered, ended, or was completed by a coordinator. */
export interface CallLiveEvent {
  kind: "call.live";
  callId: number;
  state: "ringing" | "in_progress" | "ended" | "completed";
  leadId: number | null;
}

export type IntakeEvent = HandoffEvent | LeadChangeEvent | TaskEvent | AppointmentEvent | CallLiveEvent;

export function isHandoffEvent(event: IntakeEvent): event is HandoffEvent {
  return event.kind === "handoff.created" || event.kind === "handoff.acknowledged" || event.kind === "handoff.updated";
}

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

  /**
   * Events from the moment this is called (the listener is attached at once, not on first read, so
   * a subscription can say `ready` first without missing what happens meanwhile), until the signal aborts.
   */
  stream(signal: AbortSignal | undefined): AsyncGenerator<IntakeEvent> {
    const source = on(this.emitter, "event", signal ? { signal } : {});
    return (async function* () {
      for await (const [event] of source) yield event as IntakeEvent;
    })();
  }

  listenerCount(): number {
    return this.emitter.listenerCount("event");
  }
}
