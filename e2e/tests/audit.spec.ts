// The audit report: a manager finds who read and changed a lead, filters and sorts in the URL, exports a CSV
// without patient data; a coordinator has no report, and the refused attempt is itself in the trail.
import { readFile } from "node:fs/promises";
import { DEMO_PASSWORD, SignInPage, expect, test, uniqueName, uniquePhone } from "../fixtures.ts";
import { ApiSession, AuditReport, expectNoAxeViolations } from "../pages/admin.ts";

const CSV_HEADER = "seq,at,actor_id,actor,role,action,record_type,record_id,ip,outcome";

test("a manager filters the trail to one lead, sorts it, keeps it across a reload and exports it without patient data", async ({ page, signInAs, baseURL }) => {
  const desk = await ApiSession.signIn(baseURL, "coordinator");
  const name = uniqueName("Audited");
  const phone = uniquePhone();
  const coordinatorId = desk.userId;
  let leadId: number;
  try {
    // The coordinator logs a call that starts a lead, opens the lead, then corrects its source.
    const logged = await desk.call<{ lead: { id: number } }>("call.log", {
      direction: "inbound",
      otherNumber: phone.national,
      startedAt: new Date().toISOString(),
      durationSeconds: 200,
      outcome: "connected",
      callerName: name,
    });
    leadId = logged.lead.id;
    await desk.call("lead.byId", { id: leadId });
    await desk.call("lead.update", { id: leadId, source: "Radio" });
  } finally {
    await desk.dispose();
  }

  const report = new AuditReport(page);
  await signInAs("manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(report.heading()).toBeVisible();

  await report.recordType.selectOption({ label: "Lead" });
  await report.recordId.fill(String(leadId));
  await report.recordId.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]recordId=${leadId}(&|$)`));
  await expect(page).toHaveURL(/[?&]recordType=lead(&|$)/);

  // The coordinator's read and change, and the manager's own home screen, whose leads list showed this lead.
  // Actions read in words, the stored name beneath them for an auditor.
  await expect(report.row("Changed a lead")).toContainText("Casey Coordinator");
  await expect(report.row("Opened a lead")).toContainText("Casey Coordinator");
  await expect(report.row("Opened a lead")).toContainText("lead.byId");
  await expect(report.row("Listed leads")).toContainText("Morgan Manager");

  // Narrowed to the coordinator: newest first, the change and then the read.
  await report.userId.fill(String(coordinatorId));
  await report.apply.click();
  await expect(page).toHaveURL(new RegExp(`[?&]actorId=${coordinatorId}(&|$)`));
  await expect(report.rows).toHaveCount(2);
  await expect(report.rows.nth(0)).toContainText("Changed a lead");
  await expect(report.rows.nth(1)).toContainText("Opened a lead");
  for (const row of await report.rows.all()) {
    await expect(row).toContainText("Casey Coordinator");
    await expect(row).toContainText("Intake coordinator");
    await expect(row).toContainText(`Lead ${leadId}`);
    await expect(row).toContainText("OK");
    // Clinic time to the second, whatever the browser's zone (Tokyo in these tests).
    await expect(row.getByRole("cell").nth(1)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s(AM|PM)$/);
  }
  // Nothing of the patient is on the screen: the trail names records by id.
  await expect(page.getByText(name)).toHaveCount(0);

  // Oldest first, in the URL too; a reload keeps filters and order.
  await report.sortByTime().click();
  await expect(page).toHaveURL(/[?&]sort=at(&|$)/);
  await expect(report.rows.nth(0)).toContainText("Opened a lead");
  await page.reload();
  await expect(report.recordType).toHaveValue("lead");
  await expect(report.recordId).toHaveValue(String(leadId));
  await expect(report.userId).toHaveValue(String(coordinatorId));
  await expect(report.rows).toHaveCount(2);
  await expect(report.rows.nth(0)).toContainText("Opened a lead");
  await expect(report.table.getByRole("columnheader", { name: "Time (Pacific)" })).toHaveAttribute("aria-sort", "ascending");

  // Export: the same entries as a CSV file.
  const downloading = page.waitForEvent("download");
  await report.exportCsv.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("audit.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(CSV_HEADER);
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`,Casey Coordinator,coordinator,lead.byId,lead,${leadId},`);
  expect(lines[2]).toContain(`,Casey Coordinator,coordinator,lead.update,lead,${leadId},`);
  expect(csv).not.toContain(name);
  expect(csv).not.toContain(phone.e164);
  expect(csv.replace(/\D/g, "")).not.toContain(phone.e164.slice(2));
  await expect(report.exported).toHaveText("Exported 2 entries to audit.csv.");

  // Clear filters: the whole trail again, newest first kept as chosen.
  await report.clear.click();
  await expect(report.recordId).toHaveValue("");
  await expect(page).not.toHaveURL(/recordId=/);
  await expect(page.getByText(/^[\d,]+ entries$/)).toBeVisible();
});

test("a per-patient search finds the calls list that showed the lead, with the lead named beneath the calls", async ({ page, signInAs, baseURL }) => {
  const desk = await ApiSession.signIn(baseURL, "coordinator");
  let leadId: number;
  let callId: number;
  try {
    const logged = await desk.call<{ call: { id: number }; lead: { id: number } }>("call.log", {
      direction: "inbound",
      otherNumber: uniquePhone().national,
      startedAt: new Date().toISOString(),
      durationSeconds: 120,
      outcome: "connected",
      callerName: uniqueName("Listed"),
    });
    leadId = logged.lead.id;
    callId = logged.call.id;
    await desk.call("call.list", { page: 1, perPage: 20, leadId });
  } finally {
    await desk.dispose();
  }

  const report = new AuditReport(page);
  await signInAs("manager");
  await page.goto(`/audit?recordType=lead&recordId=${leadId}`);
  await expect(report.heading()).toBeVisible();
  // The coordinator's read (the manager's own home screen listed calls too, and is found the same way).
  const listed = report.row("Listed calls").filter({ hasText: "Casey Coordinator" });
  await expect(listed).toContainText(`Call ${callId}`);
  await expect(listed).toContainText(`Lead ${leadId}`);
  await expect(listed).not.toContainText("lead:");
});

test("a coordinator has no audit report or lines admin; the refused request is in the trail, marked Denied", async ({ page, signInAs, baseURL, browser }) => {
  await signInAs("coordinator");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Leads" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Lines" })).toHaveCount(0);
  for (const path of ["/audit", "/admin/lines"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Not available for your role" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  }

  // Hiding is not the protection: the server refuses the coordinator's own session.
  const desk = await ApiSession.signIn(baseURL, "coordinator");
  let coordinatorId: number;
  try {
    coordinatorId = desk.userId;
    expect((await desk.send("audit.list", { page: 1, perPage: 10 })).status).toBe(403);
    expect((await desk.send("audit.export", {})).status).toBe(403);
    expect((await desk.send("line.create", { number: uniquePhone().national, label: "Not mine to add" })).status).toBe(403);
  } finally {
    await desk.dispose();
  }

  // A manager finds those attempts by user and by choosing the action in words, marked in words.
  const manager = await browser.newContext();
  const managerPage = await manager.newPage();
  try {
    const signIn = new SignInPage(managerPage);
    await signIn.goto();
    await signIn.signIn("manager@iris.test", DEMO_PASSWORD);
    const nav = managerPage.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Audit" })).toBeVisible();
    // Lines are for admins only.
    await expect(nav.getByRole("link", { name: "Lines" })).toHaveCount(0);
    await managerPage.goto(`/audit?actorId=${coordinatorId}`);
    const report = new AuditReport(managerPage);
    await expect(report.userId).toHaveValue(String(coordinatorId));
    await expect(report.action).toHaveValue("");
    await report.action.selectOption({ label: "Viewed the audit trail" });
    await report.apply.click();
    // The filter sends the stored name, which the address keeps.
    await expect(managerPage).toHaveURL(/[?&]action=audit\.list(&|$)/);
    await expect(report.action).toHaveValue("audit.list");
    await expect(report.rows.filter({ hasNotText: "Viewed the audit trail" })).toHaveCount(0);
    const denied = report.row("Viewed the audit trail").first();
    await expect(denied).toContainText("Denied");
    await expect(denied).toContainText("Casey Coordinator");
    await expect(denied).toContainText("Audit trail");
    await expectNoAxeViolations(managerPage);
    await managerPage.screenshot({ path: test.info().outputPath("audit-denied.png"), fullPage: true });
  } finally {
    await manager.close();
  }
});

test("axe: the audit report with filters, paging and an inline error", async ({ page, signInAs }) => {
  const report = new AuditReport(page);
  await signInAs("admin");
  await page.goto("/audit");
  await expect(report.rows.first()).toBeVisible();
  await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath("audit.png"), fullPage: true });

  await report.recordId.fill("lead 12");
  await report.apply.click();
  await expect(report.recordId).toHaveAttribute("aria-invalid", "true");
  await expect(report.recordId).toBeFocused();
  await expectNoAxeViolations(page);
});
