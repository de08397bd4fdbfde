// The audit report names every entry in words (packages/domain/src/audit/labels.ts): each action the
// policy records and each record type it writes needs a label, or a new procedure would show as code.
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, AUDIT_RECORD_LABELS } from "@intake/domain";
import { appRouter } from "../root.ts";
import { AUDIT_POLICY, SERVER_ACTIONS, UNLISTED } from "./policy.ts";

const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();
const audited = Object.entries(AUDIT_POLICY).flatMap(([path, spec]) => (spec ? [{ path, record: spec.record }] : []));
/** Entries the command line writes itself (apps/server/src/cli.ts); no procedure stands behind them. */
const COMMAND_LINE_ACTIONS = ["user.create", "user.totp"];

describe("audit labels", () => {
  it("names every audited procedure of the router in words", () => {
    const unnamed = procedures.filter((path) => AUDIT_POLICY[path] && !Object.hasOwn(AUDIT_ACTION_LABELS, path));
    expect(unnamed, "add these to AUDIT_ACTION_LABELS in packages/domain/src/audit/labels.ts").toEqual([]);
  });

  it("names nothing that is never audited, so the action filter offers only actions that can occur", () => {
    const possible = new Set([...audited.map((a) => a.path), ...COMMAND_LINE_ACTIONS, ...Object.values(SERVER_ACTIONS)]);
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((action) => !possible.has(action))).toEqual([]);
  });

  it("gives each action different words, so no two are confused in the report or the filter", () => {
    const labels = Object.values(AUDIT_ACTION_LABELS);
    expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
  });

  it("names every record type the policy writes, the fallback included", () => {
    const types = new Set([...audited.map((a) => a.record), UNLISTED.record]);
    expect([...types].filter((type) => !Object.hasOwn(AUDIT_RECORD_LABELS, type))).toEqual([]);
  });
});

describe("a list read's record ids", () => {
  it("keep the leads it showed when a long list is cut at the stored field's bound", async () => {
    const { boundedEntry } = await import("./log.ts");
    const items = Array.from({ length: 600 }, (_, i) => ({ id: 1_000_000 + i, leadId: 70 + (i % 3) }));
    const recordId = AUDIT_POLICY["call.list"]!.id(undefined, { items, total: 600 });
    const stored = boundedEntry({
      at: 0,
      actorId: 1,
      actorRole: "coordinator",
      action: "call.list",
      recordType: "call",
      recordId,
      ip: null,
      outcome: "ok",
    }).recordId!;
    expect(stored.length).toBeLessThan(recordId!.length);
    expect(stored.startsWith("lead:70,lead:71,lead:72,")).toBe(true);
  });
});
