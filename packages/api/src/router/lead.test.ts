import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@intake/domain";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
  const people: [string, string][] = [
    ["Ada Okafor", "(626) 555-0111"],
    ["bea Lindqvist", "(626) 555-0112"],
    ["Carl Mendes", "(661) 555-0113"],
    ["Dana 100% Real_Name", "(661) 555-0114"],
  ];
  for (const [i, [name, phone]] of people.entries()) {
    h.clock.advanceMinutes(5);
    const { lead } = await coordinator["call.log"]({
      direction: "inbound",
      otherNumber: phone,
      startedAt: new Date(h.clock.now.getTime() - 60_000),
      durationSeconds: 300 + i,
      outcome: "connected",
      callerName: name,
    });
    ids[name] = lead!.id;
  }
});
afterAll(() => h.close());

const list = (input: Partial<Parameters<typeof coordinator.lead.list>[0]> = {}) => coordinator.lead.list({ page: 1, perPage: 25, ...input });

describe("lead.list", () => {
  it("returns newest first by default with the total", async () => {
    const page = await list();
    expect(page.total).toBe(4);
    expect(page.items.map((l) => l.name)).toEqual(["Dana 100% Real_Name", "Carl Mendes", "bea Lindqvist", "Ada Okafor"]);
  });

  it("sorts by name without regard to case, both ways", async () => {
    expect((await list({ sort: "name" })).items.map((l) => l.name)).toEqual(["Ada Okafor", "bea Lindqvist", "Carl Mendes", "Dana 100% Real_Name"]);
    expect((await list({ sort: "-name" })).items[0]?.name).toBe("Dana 100% Real_Name");
  });

  it("pages", async () => {
    const p2 = await list({ sort: "name", perPage: 3, page: 2 });
    expect(p2.total).toBe(4);
    expect(p2.items.map((l) => l.name)).toEqual(["Dana 100% Real_Name"]);
    // The same shape of list again (one prepared statement): each request's page and size are its own.
    expect((await list({ sort: "name", perPage: 2, page: 1 })).items.map((l) => l.name)).toEqual(["Ada Okafor", "bea Lindqvist"]);
  });

  it("searches by part of a name, in any case", async () => {
    expect((await list({ search: "lindq" })).items.map((l) => l.name)).toEqual(["bea Lindqvist"]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect((await list({ search: "100%" })).items.map((l) => l.name)).toEqual(["Dana 100% Real_Name"]);
    expect((await list({ search: "a_" })).items).toHaveLength(0);
  });

  it.each(["626-555-0112", "(626) 555-0112", "+1 626 555 0112", "555-0112", "6265550112"])("finds a lead by phone written as %s", async (search) => {
    expect((await list({ search })).items.map((l) => l.name)).toEqual(["bea Lindqvist"]);
  });

  it("finds by the last four digits, and a fragment that is neither 4, 7 nor 10 digits finds no one", async () => {
    expect((await list({ search: "0112" })).items.map((l) => l.name)).toEqual(["bea Lindqvist"]);
    expect((await list({ search: "50112" })).total).toBe(0);
  });

  it("filters by status", async () => {
    await coordinator.lead.transition({ id: ids["Carl Mendes"]!, to: "screening" });
    const screening = await list({ status: "screening" });
    expect(screening.items.map((l) => l.name)).toEqual(["Carl Mendes"]);
    expect(screening.total).toBe(1);
    // Another status through the same statement, and the same status searched.
    const contacting = await list({ status: "contacting", sort: "name" });
    expect(contacting.items.map((l) => l.name)).toEqual(["Ada Okafor", "bea Lindqvist", "Dana 100% Real_Name"]);
    expect(contacting.total).toBe(3);
    expect((await list({ status: "contacting", search: "carl" })).total).toBe(0);
    expect((await list({ status: "screening", search: "carl" })).items.map((l) => l.name)).toEqual(["Carl Mendes"]);
  });

  it("rejects an unknown sort or status and oversize pages", async () => {
    // @ts-expect-error not a sort the API offers
    expect(await codeOf(list({ sort: "phone; drop table lead" }))).toBe("BAD_REQUEST");
    // @ts-expect-error not a status
    expect(await codeOf(list({ status: "lost" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ perPage: 201 }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ page: 0 }))).toBe("BAD_REQUEST");
  });

  it.each<Role>(["scheduler", "clinician"])("is refused to a %s", async (role) => {
    expect(await codeOf((await h.as(role)).lead.list({ page: 1, perPage: 5 }))).toBe("FORBIDDEN");
  });

  it("managers and admins may read", async () => {
    expect((await (await h.as("manager")).lead.list({ page: 1, perPage: 5 })).total).toBe(4);
    expect((await (await h.as("admin")).lead.list({ page: 1, perPage: 5 })).total).toBe(4);
  });
});

describe("lead.byId", () => {
  it("returns the lead with its calls, its history and the moves this role may make", async () => {
    const lead = await coordinator.lead.byId({ id: ids["Ada Okafor"]! });
    expect(lead).toMatchObject({ name: "Ada Okafor", phone: "+16265550111", status: "contacting" });
    expect(lead.calls).toHaveLength(1);
    expect(lead.calls[0]).toMatchObject({ direction: "inbound", outcome: "connected", lineLabel: "Main line", handledBy: "Test coordinator" });
    expect(lead.events.map((e) => e.toStatus)).toEqual(["new", "contacting"]);
    expect(lead.transitions.map((t) => t.to)).toEqual(["screening", "closed"]);
    // The next lead read on the same connection (the same prepared statements) gets its own history.
    const next = await coordinator.lead.byId({ id: ids["Carl Mendes"]! });
    expect(next).toMatchObject({ name: "Carl Mendes" });
    expect(next.calls.map((c) => c.id)).not.toContain(lead.calls[0]!.id);
    expect(next.calls).toHaveLength(1);
  });

  it("offers a manager no moves", async () => {
    const lead = await (await h.as("manager")).lead.byId({ id: ids["Ada Okafor"]! });
    expect(lead.transitions).toEqual([]);
  });

  it("answers NOT_FOUND for an unknown id and BAD_REQUEST for a malformed one", async () => {
    expect(await codeOf(coordinator.lead.byId({ id: 424242 }))).toBe("NOT_FOUND");
    expect(await codeOf(coordinator.lead.byId({ id: -1 }))).toBe("BAD_REQUEST");
  });

  it("is refused to a scheduler", async () => {
    expect(await codeOf((await h.as("scheduler")).lead.byId({ id: ids["Ada Okafor"]! }))).toBe("FORBIDDEN");
  });
});

describe("lead.update", () => {
  it("changes contact fields and normalizes the phone", async () => {
    const updated = await coordinator.lead.update({
      id: ids["Ada Okafor"]!,
      name: "Ada N. Okafor",
      phone: "626.555.0199",
      relation: "family",
      email: "ada@example.com",
    });
    expect(updated).toMatchObject({ name: "Ada N. Okafor", phone: "+16265550199", relation: "family", email: "ada@example.com" });
  });

  it("rejects a bad phone or email and changes nothing", async () => {
    const error = await errorOf(coordinator.lead.update({ id: ids["Ada Okafor"]!, phone: "12", email: "nope" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((await coordinator.lead.byId({ id: ids["Ada Okafor"]! })).phone).toBe("+16265550199");
  });

  it("answers NOT_FOUND for an unknown lead", async () => {
    expect(await codeOf(coordinator.lead.update({ id: 424242, name: "X" }))).toBe("NOT_FOUND");
  });

  it.each<Role>(["manager", "admin", "scheduler", "clinician"])("is refused to a %s", async (role) => {
    expect(await codeOf((await h.as(role)).lead.update({ id: ids["Ada Okafor"]!, name: "X" }))).toBe("FORBIDDEN");
  });
});

describe("lead.transition", () => {
  it("moves along the lifecycle and records who, when and why", async () => {
    const id = ids["bea Lindqvist"]!;
    h.forceStatus(id, "needs_review");
    // A clinician moves only a lead handed to them or to the clinical pool.
    await coordinator.handoff.create({ leadId: id, to: "clinical_pool", situation: "Pacemaker", background: "Screened by phone", recommendation: "Review" });
    const clinician = await h.as("clinician");
    await clinician.lead.transition({ id, to: "eligible", reason: "Pacemaker is MR-conditional; cleared" });
    const lead = await coordinator.lead.byId({ id });
    expect(lead.status).toBe("eligible");
    const last = lead.events.at(-1);
    expect(last).toMatchObject({ fromStatus: "needs_review", toStatus: "eligible", reason: "Pacemaker is MR-conditional; cleared", actor: "Test clinician" });
    expect(last?.at).toEqual(h.clock.now);
  });

  it("refuses a move the lifecycle does not allow, saying where the lead can go", async () => {
    const error = await errorOf(coordinator.lead.transition({ id: ids["Ada Okafor"]!, to: "scheduled" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("A lead cannot move from contacting to scheduled; it can move to: screening, closed.");
  });

  it("closes only with a listed reason, and reopens with one", async () => {
    const id = ids["Dana 100% Real_Name"]!;
    expect(await codeOf(coordinator.lead.transition({ id, to: "closed" }))).toBe("BAD_REQUEST");
    expect(await codeOf(coordinator.lead.transition({ id, to: "closed", reason: "meh" }))).toBe("BAD_REQUEST");
    const closed = await coordinator.lead.transition({ id, to: "closed", reason: "cost" });
    expect(closed).toMatchObject({ status: "closed", closedReason: "cost" });
    expect(await codeOf(coordinator.lead.transition({ id, to: "contacting" }))).toBe("BAD_REQUEST");
    const reopened = await coordinator.lead.transition({ id, to: "contacting", reason: "Found a payment plan" });
    expect(reopened).toMatchObject({ status: "contacting", closedReason: null });
  });

  it("a coordinator cannot clear a flagged screen; only a clinician can", async () => {
    const id = ids["Carl Mendes"]!; // in screening since the status filter test
    expect(await codeOf(coordinator.lead.transition({ id, to: "needs_review" }))).toBe("BAD_REQUEST");
    h.forceStatus(id, "needs_review");
    expect(await codeOf(coordinator.lead.transition({ id, to: "eligible", reason: "seems fine" }))).toBe("FORBIDDEN");
  });

  it.each<Role>(["scheduler", "manager", "admin"])("is refused to a %s", async (role) => {
    expect(await codeOf((await h.as(role)).lead.transition({ id: ids["Ada Okafor"]!, to: "screening" }))).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND for an unknown lead", async () => {
    expect(await codeOf(coordinator.lead.transition({ id: 424242, to: "screening" }))).toBe("NOT_FOUND");
  });
});

describe("line.list", () => {
  it("lists the listed line for every role", async () => {
    for (const role of ["coordinator", "scheduler", "clinician", "manager", "admin"] as const) {
      const lines = await (await h.as(role)).line.list();
      expect(lines.map((l) => l.number)).toContain("+18188052469");
    }
    expect(await codeOf(h.anonymous().caller.line.list())).toBe("UNAUTHORIZED");
  });
});
