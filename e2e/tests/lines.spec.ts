// The lines admin: an admin adds a clinic line and sees it listed; a number that is a line already is refused beside its field.
import { expect, test, uniquePhone } from "../fixtures.ts";
import { LinesAdmin, expectNoAxeViolations } from "../pages/admin.ts";

test("an admin adds a line and sees it listed; the same number again is refused at the number", async ({ page, signInAs }) => {
  const lines = new LinesAdmin(page);
  const number = uniquePhone();
  const label = `Radio ad line ${number.national.slice(-4)}`;

  await signInAs("admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lines" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Phone lines" })).toBeVisible();
  await expect(lines.row("(818) 805-2469")).toContainText("Main line");

  // Any common way of writing the number; shown back in national format.
  await lines.number.fill(number.dotted);
  await lines.label.fill(label);
  await lines.source.fill("Radio");
  await lines.secretRef.fill("TWILIO_AUTH_TOKEN");
  await lines.add.click();
  await expect(lines.added).toHaveText(`Line added: ${number.national} · ${label}.`);
  const row = lines.row(number.national);
  await expect(row).toContainText(label);
  await expect(row).toContainText("Radio");
  await expect(row).toContainText("TWILIO_AUTH_TOKEN");
  await expect(lines.number).toHaveValue("");

  // The server refuses a second line with that number (CONFLICT); the message sits at the number, which takes focus.
  await lines.number.fill(number.e164);
  await lines.label.fill("Duplicate");
  await lines.label.press("Enter");
  await expect(lines.number).toHaveAttribute("aria-invalid", "true");
  await expect(lines.number).toBeFocused();
  await expect(lines.form).toContainText("That number is already a clinic line.");
  await expect(lines.rows.filter({ hasText: "Duplicate" })).toHaveCount(0);

  // Still listed after a reload: the list is the server's.
  await page.reload();
  await expect(lines.row(number.national)).toContainText(label);
});

test("axe: the lines admin, also with field errors showing", async ({ page, signInAs }) => {
  const lines = new LinesAdmin(page);
  await signInAs("admin");
  await lines.goto();
  await expect(lines.rows.first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath("lines.png"), fullPage: true });

  await lines.number.fill("555");
  await lines.secretRef.fill("my token");
  await lines.add.click();
  await expect(lines.number).toHaveAttribute("aria-invalid", "true");
  await expect(lines.label).toHaveAttribute("aria-invalid", "true");
  await expect(lines.secretRef).toHaveAttribute("aria-invalid", "true");
  await expect(lines.number).toBeFocused();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath("lines-errors.png"), fullPage: true });
});
