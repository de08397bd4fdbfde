import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { codeOf, createHarness, type Harness } from "../testing/harness.ts";

let h: Harness;
beforeAll(async () => void (h = await createHarness()));
afterAll(() => h.close());

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("faq", () => {
  it("gives every signed-in role the clinic's answers in the language asked, with the English beside them", async () => {
    for (const role of ["coordinator", "scheduler", "clinician", "manager", "admin"] as const) {
      const caller = await h.as(role);
      const es = await caller.faq.list({ language: "es" });
      const howLong = es.items.find((i) => i.id === "how-long")!;
      expect(howLong.question).toBe("¿Cuánto dura la terapia?");
      expect(howLong.english.question).toBe("How long is the therapy?");
      expect((await caller.faq.list()).items.find((i) => i.id === "how-long")!.question).toBe("How long is the therapy?");
    }
    await expect(codeOf(h.anonymous().caller.faq.list())).resolves.toBe("UNAUTHORIZED");
  });

  it("never shows a claim as the clinic's answer until a clinician approves it", async () => {
    const coordinator = await h.as("coordinator");
    const listed = await coordinator.faq.list({ language: "en" });
    expect(ids(listed.items)).not.toContain("benefits");
    expect(ids(listed.items)).not.toContain("is-it-safe");
    expect(listed.pending).toEqual([]);
    expect(JSON.stringify(listed.items)).not.toMatch(/side effects|success rate/i);

    const admin = await h.as("admin");
    expect(ids((await admin.faq.list()).pending)).toEqual(["is-it-safe", "benefits"]);
    // An admin edits the words but cannot release them: only a clinician approves.
    await expect(
      codeOf(admin.faq.update({ id: "benefits", language: "en", question: "Benefits?", answer: "Ask the doctor.", needsClinicianApproval: false })),
    ).resolves.toBe("FORBIDDEN");
    await expect(codeOf(admin.faq.approve({ id: "benefits" }))).resolves.toBe("FORBIDDEN");

    const clinician = await h.as("clinician");
    const approved = await clinician.faq.approve({ id: "is-it-safe" });
    expect(approved).toMatchObject({ version: 2, needsClinicianApproval: false });
    expect(ids((await coordinator.faq.list()).items)).toContain("is-it-safe");
    await expect(codeOf(clinician.faq.approve({ id: "is-it-safe" }))).resolves.toBe("CONFLICT");
  });

  it("lets an admin edit an answer, keeps every version and records who changed what", async () => {
    const admin = await h.as("admin");
    const saved = await admin.faq.update({ id: "how-to-prepare", language: "es", question: "¿Cómo me preparo?", answer: "Necesitará un examen físico." });
    expect(saved.version).toBe(2);
    await admin.faq.update({ id: "how-to-prepare", language: "en", question: "How do I get ready?", answer: "You will need a physical exam." });

    const coordinator = await h.as("coordinator");
    const es = (await coordinator.faq.list({ language: "es" })).items.find((i) => i.id === "how-to-prepare")!;
    expect(es).toMatchObject({ question: "¿Cómo me preparo?", english: { question: "How do I get ready?" }, version: 3 });

    const history = await admin.faq.history({ id: "how-to-prepare" });
    expect(history.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(history[2]).toMatchObject({ editedById: null, en: { question: "How do I prepare for TMS?" } });
    expect(
      h.db
        .select()
        .from(schema.faqAnswerVersion)
        .all()
        .filter((r) => r.faqId === "how-to-prepare"),
    ).toHaveLength(2);

    const trail = h.db
      .select()
      .from(schema.auditEntry)
      .all()
      .filter((e) => e.action === "faq.update");
    expect(trail.map((e) => [e.recordType, e.recordId, e.outcome])).toContainEqual(["faq", "how-to-prepare", "ok"]);

    await expect(codeOf(coordinator.faq.update({ id: "how-long", language: "en", question: "Q", answer: "A" }))).resolves.toBe("FORBIDDEN");
    await expect(codeOf(coordinator.faq.history({ id: "how-long" }))).resolves.toBe("FORBIDDEN");
    await expect(codeOf(admin.faq.update({ id: "made-up", language: "en", question: "Q", answer: "A" }))).resolves.toBe("BAD_REQUEST");
  });
});
