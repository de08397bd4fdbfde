// The clinic's answers panel on a live call: opened by keyboard from the screening screen without
// losing the question, searched as the coordinator types, closed with Escape; and an admin's edit
// reaching the panel.
import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "../fixtures.ts";
import { expectNoAxeViolations } from "../pages/admin.ts";
import { LeadScreeningPanel, ScreeningPage, newLeadFromCall } from "../pages/handoffs.ts";

const panelOf = (page: Page) => page.getByRole("dialog", { name: /^Clinic answers/ });

test("during a screening, a coordinator opens the answers by keyboard, finds how long, and is back on the question", async ({ page, signInAs }) => {
  const name = uniqueName("Answers");
  const screening = new ScreeningPage(page);
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  await expect(screening.form).toBeVisible();

  // The screen opens on its first question; from there on, only the keyboard.
  const first = screening.radio("Who is calling?", "Patient");
  await expect(first).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("?");
  const panel = panelOf(page);
  await expect(panel).toBeVisible();
  const search = panel.getByRole("searchbox", { name: "Search answers" });
  await expect(search).toBeFocused();
  await page.keyboard.type("how long");
  // The answer whose question matches comes first.
  const answer = panel.getByRole("article").first();
  await expect(answer).toHaveAccessibleName("How long is the therapy?");
  await expect(answer).toContainText("between 25 and 30 sessions");
  await expect(answer).toContainText("30 to 40 minutes");
  await expectNoAxeViolations(page);
  // Claims held for a clinician never appear as the clinic's answer.
  await search.fill("side effects");
  await expect(panel.getByRole("status")).toHaveText("0 answers");

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(first).toBeFocused();
  await expect(first).toBeChecked();

  // In a text field a bare ? is typed, not a shortcut; Alt+A opens the panel from there.
  await page.keyboard.press("Enter");
  const nameField = screening.field("Patient's full name");
  await expect(nameField).toBeFocused();
  await page.keyboard.type("Ana?");
  await expect(panel).toBeHidden();
  await expect(nameField).toHaveValue("Ana?");
  await page.keyboard.press("Alt+A");
  await expect(panel).toBeVisible();
  await page.keyboard.type("pregnant");
  await expect(panel.getByRole("article", { name: "Who cannot have TMS?" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveValue("Ana?");
});

test("an admin edits an answer and the panel shows the new words", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.getByRole("link", { name: "Clinic answers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Clinic answers" })).toBeVisible();
  // The page's claims wait for a clinician; an admin may word them but not release them.
  const pending = page.getByRole("region", { name: "Waiting for a clinician's approval" });
  await expect(pending.getByRole("article", { name: /What are the benefits of TMS\?/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.getByRole("form", { name: /Who gives the treatment\?/ });
  const marker = uniqueName("Usually");
  await form.getByLabel("Answer (English)").fill(`${marker}: a qualified physician or a TMS technician, at a specialist's office.`);
  await form.getByRole("button", { name: "Save answer" }).click();
  await expect(page.getByRole("article", { name: /Who gives the treatment\? · version 2/ })).toBeVisible();

  await page.keyboard.press("Alt+A");
  const panel = panelOf(page);
  await page.keyboard.type("who gives");
  await expect(panel.getByRole("article", { name: "Who gives the treatment?" })).toContainText(marker);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
});
