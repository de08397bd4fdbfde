// The website's inquiries: counted against their limits, then recorded as a touch of the caller's
// lead (found by phone number, or started here as a new lead waiting for its first contact).
import { randomInt } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { emailIndex, numberIndex, preparedSql, schema } from "@intake/db";
import { inquiryTouch, type InquiryInput } from "@intake/domain";
import type { EventSink } from "../events.ts";
import { leadByNumber } from "./call.ts";
import { createLeadRow, recordLastTouch } from "./lead.ts";

const { lead, leadTouch } = schema;

/** How many inquiries an address, and a phone number, may send in their windows. */
export const INQUIRY_LIMITS = {
  address: { count: 10, windowMs: 10 * 60_000 },
  phone: { count: 3, windowMs: 60 * 60_000 },
} as const;

/** Crockford's base-32 alphabet: no I, L, O or U, so a reference read out on the phone is not misheard. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A fresh reference such as `INQ-7K2M9Q4XWD` (50 random bits). */
export function newInquiryReference(): string {
  let out = "INQ-";
  for (let i = 0; i < 10; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export interface InquiryLimitKeys {
  address: string | null;
  /** The phone number's blind index, never the number. */
  phone: string | null;
}

export type InquirySlot = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Counts one inquiry against each key in fixed windows, or refuses it (counting nothing) while a
 * key has used its window's allowance. One immediate transaction: a burst sent at once gets exactly
 * the allowance.
 */
export function takeInquirySlot(db: Db, keys: InquiryLimitKeys, now: Date): InquirySlot {
  const t = now.getTime();
  const limits = [
    ...(keys.address ? [{ key: `ip:${keys.address}`, ...INQUIRY_LIMITS.address }] : []),
    ...(keys.phone ? [{ key: `phone:${keys.phone}`, ...INQUIRY_LIMITS.phone }] : []),
  ];
  const read = preparedSql(db.$client, "select count, window_started_at as startedAt from inquiry_throttle where key = ?");
  const write = preparedSql(
    db.$client,
    "insert into inquiry_throttle (key, count, window_started_at) values (?, ?, ?) on conflict (key) do update set count = excluded.count, window_started_at = excluded.window_started_at",
  );
  return db.$client
    .transaction((): InquirySlot => {
      const next: { key: string; count: number; startedAt: number }[] = [];
      let wait = 0;
      for (const limit of limits) {
        const row = read.get(limit.key) as { count: number; startedAt: number } | undefined;
        const open = row && t - row.startedAt < limit.windowMs && t >= row.startedAt;
        if (open && row.count >= limit.count) wait = Math.max(wait, row.startedAt + limit.windowMs - t);
        else next.push(open ? { key: limit.key, count: row.count + 1, startedAt: row.startedAt } : { key: limit.key, count: 1, startedAt: t });
      }
      if (wait > 0) return { ok: false, retryAfterMs: wait };
      for (const n of next) write.run(n.key, n.count, n.startedAt);
      return { ok: true };
    })
    .immediate();
}

/**
 * The sender an address limit counts: an IPv4 address as it is (an IPv4-mapped IPv6 one as its IPv4),
 * an IPv6 address by its /64 network, which one machine is routinely given whole (counted per
 * address, its billions of addresses would each get their own allowance).
 */
export function senderKey(address: string): string {
  const ip = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail] = ip.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+/, "") || "0")
    .join(":")}::/64`;
}

/** The keys an inquiry is limited by: the address it came from (see senderKey) and its phone number (a blind index). */
export function inquiryLimitKeys(db: Db, address: string | null, phone: string | null): InquiryLimitKeys {
  return { address: address ? senderKey(address) : null, phone: phone ? numberIndex(db, phone) : null };
}

/** Windows that closed long ago are forgotten, so the table holds only the last hour's senders. */
export function forgetOldInquiryCounts(db: Db, now: Date) {
  preparedSql(db.$client, "delete from inquiry_throttle where window_started_at < ?").run(now.getTime() - INQUIRY_LIMITS.phone.windowMs);
}

export interface ReceivedInquiry {
  reference: string;
  leadId: number;
  /** Whether this inquiry started the lead (nobody with this number was known). */
  created: boolean;
}

/**
 * Records one inquiry. A number we know is the same person: the inquiry is a second touch on their
 * lead (its last touch; their name, email, language and status stay as they are: the inquiry's
 * email is kept on the touch). An unknown number starts a lead (channel `web`, status `new`: waiting for its first
 * contact, on the speed-to-lead clock like a missed call).
 */
export function receiveInquiry(db: Db, input: InquiryInput, now: Date, events: EventSink): ReceivedInquiry {
  const touch = inquiryTouch(input, now);
  const reference = newInquiryReference();
  const received = db.transaction((tx) => {
    const found = leadByNumber(db, input.phone);
    const theLead =
      found ?? createLeadRow(db, { name: input.name, phone: input.phone, source: touch.source, lineId: null, actor: null, now, channel: "web", touch });
    if (found) recordLastTouch(db, found.id, touch);
    // Only a lead this inquiry started takes its email: the form is public, and anyone who knows a
    // patient's number could otherwise give their record an address of their choosing (and make it a
    // duplicate candidate of another patient's). On a known lead the address stays with the touch,
    // shown to the desk to confirm with the person.
    if (!found && input.email) {
      tx.update(lead)
        .set({ email: input.email, emailIndex: emailIndex(db, input.email) })
        .where(eq(lead.id, theLead.id))
        .run();
    }
    if (!found && input.language) tx.update(lead).set({ language: input.language }).where(eq(lead.id, theLead.id)).run();
    tx.update(lead)
      .set({ updatedAt: sql`${now.getTime()}` })
      .where(eq(lead.id, theLead.id))
      .run();
    tx.insert(leadTouch)
      .values({
        leadId: theLead.id,
        reference,
        channel: "web",
        source: touch.source,
        medium: touch.medium,
        campaign: touch.campaign,
        term: touch.term,
        content: touch.content,
        gclid: touch.gclid,
        landingPage: touch.landingPage,
        referrer: touch.referrer,
        name: input.name,
        email: input.email ?? null,
        message: input.message ?? null,
        preferredContact: input.preferredContact ?? null,
        textConsent: input.textConsent,
        at: now,
      })
      .run();
    return { reference, leadId: theLead.id, created: !found };
  });
  events.emit({ kind: received.created ? "lead.created" : "lead.changed", leadId: received.leadId });
  return received;
}
