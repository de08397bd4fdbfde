// In-process notifications that drive live screens (the inbox, the urgent alert) over SSE.
import { EventEmitter, on } from "node:events";
import type { HandoffTarget } from "@intake/domain";

export interface HandoffEvent {
  /**
   * `updated`: the lead behind an unread note moved (an escalated screen was completed).
   * `escalated`: nobody acknowledged an urgent note in time (URGENT_ACK_MINUTES); on-call is to be called.
   */
  kind: "handoff.created" | "handoff.acknowledged" | "handoff.updated" | "handoff.escalated";
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
  /** `confirmed`: the caller replied C to a reminder. */
  kind: "appointment.booked" | "appointment.rescheduled" | "appointment.cancelled" | "appointment.outcome" | "appointment.confirmed";
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

/**
 * A text with a caller: one arrived, one of ours went out or changed delivery state, or a lead's
 * unread texts were read (the work queue's unread group changes).
 */
export interface MessageEvent {
  kind: "message.received" | "message.sent" | "message.status" | "message.read";
  messageId: number;
  leadId: number;
}

/**
 * Every open live stream checks that its session still holds: sent by the server's alert clock
 * every few seconds (so an idle logoff is noticed) and at every sign-out. Never sent to a client.
 */
export interface SessionCheckEvent {
  kind: "session.check";
}

export type IntakeEvent = HandoffEvent | LeadChangeEvent | TaskEvent | AppointmentEvent | CallLiveEvent | MessageEvent | SessionCheckEvent;

export function isHandoffEvent(event: IntakeEvent): event is HandoffEvent {
  return event.kind === "handoff.created" || event.kind === "handoff.acknowledged" || event.kind === "handoff.updated" || event.kind === "handoff.escalated";
}

/**
 * Who has a live inbox open right now, per clinician, in this server process (clinical coverage).
 * A clinician counts once however many tabs they hold open.
 */
export class ClinicianPresence {
  private readonly open = new Map<number, number>();
  private lastClosedAt: Date | null = null;

  opened(clinicianId: number): void {
    this.open.set(clinicianId, (this.open.get(clinicianId) ?? 0) + 1);
  }

  closed(clinicianId: number, at: Date): void {
    const left = (this.open.get(clinicianId) ?? 1) - 1;
    if (left > 0) this.open.set(clinicianId, left);
    else this.open.delete(clinicianId);
    this.lastClosedAt = at;
  }

  /** How many clinicians hold at least one live inbox. */
  online(): number {
    return this.open.size;
  }

  /** When the last live inbox of a clinician closed since this process started; null if none has. */
  lastClosed(): Date | null {
    return this.lastClosedAt;
  }
}

/** One bus per server process; events carry ids and routing only, never patient data. */
/** What a service needs to announce a change. On the writer thread it collects, and the request thread re-emits once committed. */
export type EventSink = Pick<IntakeEvents, "emit">;

/** A sink that keeps what is emitted (on the writer thread, where no live stream listens). */
export function collectEvents(): EventSink & { events: IntakeEvent[] } {
  const events: IntakeEvent[] = [];
  return { events, emit: (event) => void events.push(event) };
}

export class IntakeEvents {
  private readonly emitter = new EventEmitter();
  /** Clinicians with a live inbox open: handoff.clinicalCoverage reads it. */
  readonly presence = new ClinicianPresence();

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
