import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, entryHash, verifyChain, type AuditFields, type ChainedEntry } from "./chain.ts";

const key = randomBytes(32);

function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditFields = {
      seq,
      at: 1_800_000_000_000 + seq,
      actorId: seq % 3,
      actorRole: "coordinator",
      action: "lead.read",
      recordType: "lead",
      recordId: String(seq),
      ip: "127.0.0.1",
      outcome: "ok",
    };
    const hash = entryHash(key, fields, prev);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit chain", () => {
  it("verifies an untouched chain", () => {
    expect(verifyChain(key, chain(50))).toEqual({ ok: true, checked: 50 });
  });

  it("names a changed entry", () => {
    const c = chain(10);
    c[4] = { ...c[4]!, recordId: "999" };
    expect(verifyChain(key, c)).toMatchObject({ ok: false, seq: 5, problem: "changed" });
  });

  it("names where an entry was removed", () => {
    const c = chain(10);
    c.splice(6, 1);
    expect(verifyChain(key, c)).toMatchObject({ ok: false, seq: 7, problem: "removed" });
  });

  it("names a swap", () => {
    const c = chain(10);
    [c[2], c[3]] = [c[3]!, c[2]!];
    expect(verifyChain(key, c)).toMatchObject({ ok: false, seq: 3 });
  });

  it("catches an entry re-hashed without the key or linked to the wrong predecessor", () => {
    const c = chain(10);
    const forged = { ...c[5]!, action: "lead.update" };
    c[5] = { ...forged, hash: entryHash(randomBytes(32), forged, forged.prevHash) };
    expect(verifyChain(key, c)).toMatchObject({ ok: false, seq: 6, problem: "changed" });
    const d = chain(10);
    const relinked = { ...d[5]!, prevHash: GENESIS_HASH };
    d[5] = { ...relinked, hash: entryHash(key, relinked, GENESIS_HASH) };
    expect(verifyChain(key, d)).toMatchObject({ ok: false, seq: 6, problem: "relinked" });
  });

  it("a different key fails the first entry", () => {
    expect(verifyChain(randomBytes(32), chain(3))).toMatchObject({ ok: false, seq: 1, problem: "changed" });
  });
});
