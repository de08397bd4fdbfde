// The audit trail's tamper evidence: each entry's HMAC covers its fields and the previous entry's HMAC.
import { createHmac, timingSafeEqual } from "node:crypto";

/** What an entry records. Never patient data: who, what kind of record and its id, what was done, from where. */
export interface AuditFields {
  seq: number;
  at: number;
  actorId: number | null;
  actorRole: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  ip: string | null;
  outcome: "ok" | "denied" | "failed";
}

export interface ChainedEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** Field order is fixed here, so the hash never depends on how an object happened to be built. */
function canonical(fields: AuditFields, prevHash: string): string {
  return JSON.stringify([
    fields.seq,
    fields.at,
    fields.actorId,
    fields.actorRole,
    fields.action,
    fields.recordType,
    fields.recordId,
    fields.ip,
    fields.outcome,
    prevHash,
  ]);
}

export function entryHash(key: Buffer, fields: AuditFields, prevHash: string): string {
  return createHmac("sha256", key).update(canonical(fields, prevHash)).digest("hex");
}

export type ChainBreak = { ok: true; checked: number } | { ok: false; checked: number; seq: number; problem: "changed" | "removed" | "reordered" | "relinked" };

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks entries in storage order and names the first one that breaks the chain: a changed entry no
 * longer matches its HMAC; a removed one leaves a gap in the sequence; a swapped pair runs backwards.
 */
export function verifyChain(key: Buffer, entries: Iterable<ChainedEntry>): ChainBreak {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const entry of entries) {
    if (entry.seq < expectedSeq) return { ok: false, checked, seq: entry.seq, problem: "reordered" };
    if (entry.seq > expectedSeq) return { ok: false, checked, seq: expectedSeq, problem: "removed" };
    if (!sameHex(entry.hash, entryHash(key, entry, entry.prevHash))) return { ok: false, checked, seq: entry.seq, problem: "changed" };
    if (!sameHex(entry.prevHash, prevHash)) return { ok: false, checked, seq: entry.seq, problem: "relinked" };
    prevHash = entry.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked };
}
