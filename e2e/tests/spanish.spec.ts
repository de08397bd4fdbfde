// A caller who speaks Spanish: the coordinator records the language on the lead page, the screening
// shows each script in Spanish with the English beside it, and the answers panel answers in Spanish.
import { expect, test, uniqueName } from "../fixtures.ts";
import { expectNoAxeViolations } from "../pages/admin.ts";
import { FunnelDashboard } from "../pages/funnel.ts";
import { LeadScreeningPanel, ScreeningPage, newLeadFromCall } from "../pages/handoffs.ts";

test("a Spanish-speaking caller's screening reads in Spanish, with the English beside it and the same answers", async ({ page, signInAs }) => {
  const name = uniqueName("Lucía");
  await signInAs("coordinator");
  await newLeadFromCall(page, name);

  await page.getByRole("button", { name: "Edit contact details" }).click();
  const form = page.getByRole("form", { name: "Contact details" });
  await form.getByLabel("Language the caller speaks").selectOption({ label: "Spanish (Español)" });
  await form.getByLabel("Interpreter needed").check();
  await form.getByRole("button", { name: "Save contact details" }).click();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("Spanish (Español) · interpreter needed");

  await new LeadScreeningPanel(page).screen.click();
  const screening = new ScreeningPage(page);
  await expect(screening.form).toBeVisible();
  await expect(page.getByText("Spanish (Español) · interpreter needed")).toBeVisible();
  // The script in Spanish, its choices too; the control keeps its English label and its value.
  await expect(screening.form.getByText("¿Quién llama?")).toBeVisible();
  await expect(screening.form.getByText("(El paciente · Un familiar · El médico que lo refiere)")).toBeVisible();
  const patient = screening.radio("Who is calling?", "Patient");
  await patient.check();
  await expect(patient).toBeChecked();
  await expect(screening.form.getByText(/^La TMS usa un imán fuerte cerca de la cabeza/)).toBeVisible();
  await expect(screening.form.getByText("TMS uses a strong magnet near the head, so I need to ask some safety questions.")).toBeVisible();
  await expectNoAxeViolations(page);

  // The answers panel follows the caller's language, with the English beside.
  await patient.focus();
  await page.keyboard.press("?");
  const panel = page.getByRole("dialog", { name: /^Clinic answers/ });
  await page.keyboard.type("cuanto dura");
  const answer = panel.getByRole("article").first();
  await expect(answer).toHaveAccessibleName("¿Cuánto dura la terapia?");
  await expect(answer).toContainText("entre 25 y 30 sesiones");
  await expect(answer).toContainText("between 25 and 30 sessions");
  await page.keyboard.press("Escape");
  await expect(patient).toBeFocused();
});

test("a manager reads the funnel by the callers' language", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await funnel.goto();
  await funnel.tab("By language").click();
  const table = page.getByRole("table", { name: "Funnel by language" });
  await expect(table.getByRole("rowheader", { name: "English" }).or(table.getByRole("cell", { name: "English", exact: true }))).toBeVisible();
  await expect(table.getByText("All leads of the cohort")).toBeVisible();
  await expectNoAxeViolations(page);
});
