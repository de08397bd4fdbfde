// The leads table keeps its state in the address (search text excepted), and a lead closes only with a reason.
import { expect, test, uniqueName, uniquePhone, type CallLogForm } from "../fixtures.ts";

/** Logs a three-second answered call from a new number: a new lead, the newest in the list. */
async function logAnsweredCall(callLogForm: CallLogForm, name: string): Promise<void> {
  await callLogForm.openButton.click();
  await callLogForm.phone.fill(uniquePhone().national);
  await callLogForm.callerName.fill(name);
  await callLogForm.duration.fill("3");
  await callLogForm.duration.press("Enter");
  await expect(callLogForm.confirmation).toContainText(name);
}

test("paging, sorting and the status filter live in the URL and survive a reload", async ({ page, signInAs, leadsTable }) => {
  await signInAs("coordinator");
  await leadsTable.goto();
  await expect(leadsTable.position).toHaveText(/^Page 1 of \d+$/);
  await expect(leadsTable.previousPage).toBeDisabled();

  await leadsTable.nextPage.click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(leadsTable.position).toHaveText(/^Page 2 of \d+$/);

  // A new sort starts again at page 1; the header says which way it sorts.
  await expect(leadsTable.header("Created")).toHaveAttribute("aria-sort", "descending");
  await leadsTable.sortButton("Name").click();
  await expect(leadsTable.header("Name")).toHaveAttribute("aria-sort", "ascending");
  await expect(leadsTable.header("Created")).toHaveAttribute("aria-sort", "none");
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
  await expect(page).not.toHaveURL(/page=2/);
  await leadsTable.sortButton("Name").click();
  await expect(leadsTable.header("Name")).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/[?&]sort=-name(&|$)/);

  await leadsTable.status.selectOption({ label: "Closed" });
  await expect(page).toHaveURL(/[?&]status=closed(&|$)/);
  await expect(leadsTable.rows.first()).toContainText("Closed");

  await page.reload();
  await expect(leadsTable.status).toHaveValue("closed");
  await expect(leadsTable.header("Name")).toHaveAttribute("aria-sort", "descending");
  for (const row of await leadsTable.rows.all()) await expect(row).toContainText("Closed");
});

test("the search text is kept across a reload but never written into the address", async ({ page, signInAs, leadsTable, callLogForm }) => {
  const name = uniqueName("Private");
  await signInAs("coordinator");
  await logAnsweredCall(callLogForm, name);

  await leadsTable.goto();
  await leadsTable.search.fill(name);
  // The search's own answer (a "Loading…" row is one row too, and the new lead tops the unsearched list).
  await expect(leadsTable.pagerCount).toHaveText("1 lead");
  await expect(leadsTable.rows).toHaveCount(1);
  await expect(leadsTable.lead(name)).toBeVisible();
  // A name is patient data: it stays out of the URL, where browser history would keep it.
  expect(decodeURIComponent(page.url())).not.toContain(name.split(" ")[1] ?? name);

  await page.reload();
  await expect(leadsTable.search).toHaveValue(name);
  await expect(leadsTable.pagerCount).toHaveText("1 lead");
  await expect(leadsTable.rows).toHaveCount(1);
});

test("a search typed just before a reload is kept, though the table had not searched yet", async ({ page, signInAs, leadsTable }) => {
  await signInAs("coordinator");
  await leadsTable.goto();
  await expect(leadsTable.pagerCount).not.toHaveText("1 lead");
  // Within the pause the box waits before searching.
  await leadsTable.search.fill("Nobody Byname Zq");
  await page.reload();
  await expect(leadsTable.search).toHaveValue("Nobody Byname Zq");
  await expect(page.getByText("No leads match this search.")).toBeVisible();
  expect(decodeURIComponent(page.url())).not.toContain("Byname");
});

test("a search by part of a phone number says which digits find one", async ({ page, signInAs, leadsTable }) => {
  await signInAs("coordinator");
  await leadsTable.goto();
  await leadsTable.search.fill("555-04");
  await expect(page.getByText("No leads match. Search a phone number by the whole number or its last 4 or 7 digits.")).toBeVisible();
  await leadsTable.search.fill("Nobody Byname Zq");
  await expect(page.getByText("No leads match this search.")).toBeVisible();
});

test("closing a lead asks for a reason and the history records it", async ({ page, signInAs, leadPage, callLogForm }) => {
  const name = uniqueName("Closing");
  await signInAs("coordinator");
  await callLogForm.openButton.click();
  await callLogForm.phone.fill(uniquePhone().national);
  await callLogForm.callerName.fill(name);
  await callLogForm.duration.fill("0:45");
  await callLogForm.duration.press("Enter");
  await callLogForm.confirmation.getByRole("link").click();
  await expect(leadPage.heading(name)).toBeVisible();

  await leadPage.transition("Close lead…").click();
  const reason = page.getByLabel("Reason for closing");
  await expect(reason).toBeFocused();
  await page.getByRole("button", { name: "Close lead", exact: true }).click();
  await expect(reason).toHaveAccessibleDescription("Error: Choose why the lead is being closed");

  await reason.selectOption({ label: "Not interested" });
  await page.getByRole("button", { name: "Close lead", exact: true }).click();
  await expect(leadPage.statusMessage).toHaveText("Status changed to Closed.");
  await expect(leadPage.historyRow("Contacting → Closed")).toContainText("Not interested");
  // A closed lead can only be reopened, and that needs a reason too.
  await expect(leadPage.transition("Reopen")).toBeVisible();
  await expect(leadPage.transition("Close lead…")).toHaveCount(0);
});

test("a lead followed within the search's pause opens, though its page's code is slow to arrive", async ({ page, signInAs, leadsTable, callLogForm }) => {
  const name = uniqueName("Followed");
  await signInAs("coordinator");
  await logAnsweredCall(callLogForm, name);

  await leadsTable.goto();
  // The newest lead tops the list before any search.
  await expect(leadsTable.lead(name)).toBeVisible();
  // A slow connection: the lead page's code takes a second to come.
  await page.route(/\/assets\/LeadPage-[^/]+\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await leadsTable.search.fill(name);
  await leadsTable.lead(name).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/leads\/\d+$/);
});
