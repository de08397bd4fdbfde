import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FieldCipher } from "./crypto.ts";
import { addDataKey, loadOrCreateKeys } from "./keys.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("key file", () => {
  it("is created on first start, readable by its owner only, and stable after", () => {
    const path = join(dir, "intake.keys");
    const first = loadOrCreateKeys(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadOrCreateKeys(path);
    expect(again.audit.equals(first.audit)).toBe(true);
    expect(first.data).toHaveLength(1);
  });

  it("refuses a key file others can read", () => {
    const path = join(dir, "loose.keys");
    loadOrCreateKeys(path);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateKeys(path)).toThrow(/chmod 600/);
  });
});

describe("field cipher", () => {
  const path = join(dir, "cipher.keys");
  const cipher = new FieldCipher(loadOrCreateKeys(path));

  it("round-trips text and never stores it in the clear", () => {
    const stored = cipher.encrypt("Chronic migraines since 2019; takes Wellbutrin");
    expect(stored).not.toContain("migraine");
    expect(stored.startsWith("enc1:k1:")).toBe(true);
    expect(cipher.decrypt(stored)).toBe("Chronic migraines since 2019; takes Wellbutrin");
    expect(cipher.encrypt("same")).not.toBe(cipher.encrypt("same"));
  });

  it("detects tampering (authenticated encryption)", () => {
    const stored = cipher.encrypt("note");
    const parts = stored.split(":");
    const body = Buffer.from(parts[4]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => cipher.decrypt(parts.join(":"))).toThrow();
  });

  it("after rotation encrypts with the new key and still reads the old", () => {
    const old = cipher.encrypt("before rotation");
    addDataKey(path);
    const rotated = new FieldCipher(loadOrCreateKeys(path));
    expect(rotated.activeKeyId).toBe("k2");
    expect(rotated.decrypt(old)).toBe("before rotation");
    expect(rotated.keyIdOf(rotated.encrypt("after"))).toBe("k2");
    expect(JSON.parse(readFileSync(path, "utf8")).data).toHaveLength(2);
  });

  it("gives a stable blind index for equal values only", () => {
    expect(cipher.blindIndex("+18188052469")).toBe(cipher.blindIndex("+18188052469"));
    expect(cipher.blindIndex("+18188052469")).not.toBe(cipher.blindIndex("+18188052468"));
  });
});
