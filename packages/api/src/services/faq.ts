// The clinic's answers panel: the repository's answers (version 1) and the versions admins and
// clinicians have written since (faq_answer_version), merged into what each role may see.
import { asc } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import { can, FAQ_CONTENT, type FaqEntry, type FaqItem, type FaqUpdateInput, type Role, type ScriptLanguage, type SessionUser } from "@intake/domain";
import { AppError } from "../errors.ts";

const { faqAnswerVersion } = schema;

export interface FaqVersion {
  id: string;
  version: number;
  en: { question: string; answer: string };
  es: { question: string; answer: string };
  needsClinicianApproval: boolean;
  /** null for version 1, the repository's content. */
  editedById: number | null;
  approvedById: number | null;
  at: Date | null;
}

const initial = (e: FaqEntry): FaqVersion => ({
  id: e.id,
  version: 1,
  en: { ...e.text.en },
  es: { ...e.text.es },
  needsClinicianApproval: e.needsClinicianApproval,
  editedById: null,
  approvedById: null,
  at: null,
});

/** Every version of every answer, oldest first per answer, the repository's first. */
function allVersions(db: Db): Map<string, FaqVersion[]> {
  const byId = new Map(FAQ_CONTENT.map((e) => [e.id, [initial(e)]]));
  const rows = db.select().from(faqAnswerVersion).orderBy(asc(faqAnswerVersion.faqId), asc(faqAnswerVersion.version)).all();
  for (const r of rows) {
    byId.get(r.faqId)?.push({
      id: r.faqId,
      version: r.version,
      en: { question: r.questionEn, answer: r.answerEn },
      es: { question: r.questionEs, answer: r.answerEs },
      needsClinicianApproval: r.needsClinicianApproval,
      editedById: r.editedById,
      approvedById: r.approvedById,
      at: r.createdAt,
    });
  }
  return byId;
}

const latest = (versions: FaqVersion[]): FaqVersion => versions[versions.length - 1]!;

const asItem = (v: FaqVersion, language: ScriptLanguage): FaqItem => ({ id: v.id, ...v[language], english: v.en, version: v.version });

/** Those who edit or approve answers also see the ones waiting for a clinician; nobody else does. */
const seesPending = (role: Role) => can(role, "faq.edit") || can(role, "faq.approve");

export function listFaq(db: Db, language: ScriptLanguage, role: Role): { language: ScriptLanguage; items: FaqItem[]; pending: FaqItem[] } {
  const current = [...allVersions(db).values()].map(latest);
  return {
    language,
    items: current.filter((v) => !v.needsClinicianApproval).map((v) => asItem(v, language)),
    pending: seesPending(role) ? current.filter((v) => v.needsClinicianApproval).map((v) => asItem(v, language)) : [],
  };
}

export function faqHistory(db: Db, id: string): FaqVersion[] {
  return [...(allVersions(db).get(id) ?? [])].reverse();
}

function addVersion(db: Db, next: Omit<FaqVersion, "version" | "at">, now: Date): FaqVersion {
  // Read inside the write transaction (a Db is one connection): two edits get consecutive versions.
  return db.transaction(() => {
    const versions = allVersions(db).get(next.id) ?? [];
    const version = latest(versions).version + 1;
    db.insert(faqAnswerVersion)
      .values({
        faqId: next.id,
        version,
        questionEn: next.en.question,
        answerEn: next.en.answer,
        questionEs: next.es.question,
        answerEs: next.es.answer,
        needsClinicianApproval: next.needsClinicianApproval,
        editedById: next.editedById!,
        approvedById: next.approvedById,
        createdAt: now,
      })
      .run();
    return { ...next, version, at: now };
  });
}

export function updateFaq(db: Db, input: FaqUpdateInput, actor: SessionUser, now: Date): FaqVersion {
  const current = latest(allVersions(db).get(input.id)!);
  if (input.needsClinicianApproval === false && current.needsClinicianApproval) {
    throw new AppError("FORBIDDEN", "This answer waits for a clinician's approval; a clinician approves it with faq.approve.", "needsClinicianApproval");
  }
  return addVersion(
    db,
    {
      ...current,
      [input.language]: { question: input.question, answer: input.answer },
      needsClinicianApproval: input.needsClinicianApproval ?? current.needsClinicianApproval,
      editedById: actor.id,
      approvedById: null,
    },
    now,
  );
}

export function approveFaq(db: Db, id: string, actor: SessionUser, now: Date): FaqVersion {
  const current = latest(allVersions(db).get(id)!);
  if (!current.needsClinicianApproval) throw new AppError("CONFLICT", "This answer is already shown as the clinic's answer; there is nothing to approve.");
  return addVersion(db, { ...current, needsClinicianApproval: false, editedById: actor.id, approvedById: actor.id }, now);
}
