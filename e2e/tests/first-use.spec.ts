// What a new user tripped on, walking each role's journey for the first time: each fixed, each kept so.
import { credentialsFor, expect, test } from "../fixtures.ts";
import { FunnelDashboard } from "../pages/funnel.ts";
import { HandoffForm, InboxPage } from "../pages/handoffs.ts";
import { DeskApi, LeadScheduling, SchedulingQueue } from "../pages/scheduling.ts";

/** A `datetime-local` value on the clinic's clock (Pacific), `days` from now. */
function clinicInputValue(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "America/Los_Angeles",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test("the lead page offers one way to screen the caller", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.newLead("Onescreen");
    await signInAs("coordinator");
    await page.goto(`/leads/${lead.id}`);
    await expect(page.getByRole("heading", { level: 1, name: lead.name })).toBeVisible();
    await expect(page.getByRole("link", { name: "Screen this caller" })).toHaveCount(1);
    await expect(page.getByRole("button", { name: /Start screening/ })).toHaveCount(0);
    await page.getByRole("link", { name: "Screen this caller" }).click();
    await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}/screening$`));
  } finally {
    await desk.dispose();
  }
});

test("a call starting tomorrow is refused at the Started at field, marked invalid and described", async ({ page, signInAs, callLogForm }) => {
  await signInAs("coordinator");
  await callLogForm.openButton.click();
  await callLogForm.phone.fill("(818) 555-0199");
  await callLogForm.duration.fill("3:00");
  await callLogForm.startedAt.fill(clinicInputValue(1));
  await callLogForm.save.click();
  await expect(callLogForm.startedAt).toHaveAttribute("aria-invalid", "true");
  await expect(callLogForm.startedAt).toBeFocused();
  await expect(callLogForm.startedAt).toHaveAccessibleDescription(/Error: .*5 minutes/);
  await expect(callLogForm.confirmation).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("the scheduler's inbox card opens the lead and its booking form directly", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.handedOffLead("Inboxcard");
    await signInAs("scheduler");
    const inbox = new InboxPage(page);
    await inbox.goto();
    const card = inbox.note(lead.name);
    await expect(card).toBeVisible();
    await card.getByRole("link", { name: `Open lead for ${lead.name}` }).click();
    await expect(page).toHaveURL(new RegExp(`/scheduling/leads/${lead.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: lead.name })).toBeVisible();

    await inbox.goto();
    await inbox
      .note(lead.name)
      .getByRole("link", { name: `Book appointment for ${lead.name}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/scheduling/leads/${lead.id}#book$`));
    const booking = page.getByRole("region", { name: "Book an appointment" });
    await expect(booking).toBeInViewport();
    await expect(booking.locator(":focus")).toHaveCount(1);
  } finally {
    await desk.dispose();
  }
});

test("the scheduling queue finds a lead by name or phone, and shows only today's handoffs on request", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.handedOffLead("Queuefind");
    await signInAs("scheduler");
    const queue = new SchedulingQueue(page);
    await queue.goto();
    const search = page.getByRole("searchbox", { name: "Search the queue" });

    await search.fill(lead.name);
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.row(lead.name)).toBeVisible();
    await expect(page).toHaveURL(/search=/);

    await search.fill(lead.phone.dotted);
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.row(lead.name)).toBeVisible();

    await search.fill("Nobody Of That Name");
    await expect(page.getByText("No lead waiting matches this search.")).toBeVisible();

    // Today's handoffs: this one is among them, the demo's older ones are not.
    await search.fill("");
    await expect(page).not.toHaveURL(/search=/);
    await expect(queue.table).not.toHaveAttribute("aria-busy", "true");
    const everyone = page.getByText(/\d+ leads? waiting/);
    await expect(everyone).toBeVisible();
    const allCount = Number((await everyone.first().textContent())?.match(/(\d+) leads? waiting/)?.[1]);
    // The box follows the address, which changes a moment after the click.
    await page.getByRole("checkbox", { name: "Handed off today" }).click();
    await expect(page.getByRole("checkbox", { name: "Handed off today" })).toBeChecked();
    await expect(page).toHaveURL(/today=1/);
    await expect(queue.table).not.toHaveAttribute("aria-busy", "true");
    await expect(queue.row(lead.name)).toBeVisible();
    const todayCount = Number(
      (
        await page
          .getByText(/\d+ leads? waiting/)
          .first()
          .textContent()
      )?.match(/(\d+) leads? waiting/)?.[1],
    );
    expect(todayCount).toBeGreaterThanOrEqual(1);
    expect(todayCount).toBeLessThan(allCount);
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Handed off today" })).toBeChecked();
  } finally {
    await desk.dispose();
  }
});

test.describe("form errors sit at their field, marked invalid, and are read out when it takes focus", () => {
  test("booking a time in the past", async ({ page, signInAs, baseURL }) => {
    const desk = await DeskApi.signIn(baseURL);
    try {
      const lead = await desk.handedOffLead("Pastbook");
      await signInAs("scheduler");
      await page.goto(`/scheduling/leads/${lead.id}`);
      const scheduling = new LeadScheduling(page);
      await scheduling.day.fill(clinicInputValue(-1).slice(0, 10));
      await scheduling.startTime.fill("10:00");
      await scheduling.book().click();
      await expect(scheduling.startTime).toHaveAttribute("aria-invalid", "true");
      await expect(scheduling.startTime).toBeFocused();
      await expect(scheduling.startTime).toHaveAccessibleDescription(/^Error: Choose a time in the future/);
      await expect(scheduling.confirmation).toHaveCount(0);
    } finally {
      await desk.dispose();
    }
  });

  test("the funnel's reversed date range", async ({ page, signInAs }) => {
    const funnel = new FunnelDashboard(page);
    await signInAs("manager");
    await funnel.goto();
    await funnel.firstDay.fill("2026-11-07");
    await funnel.lastDay.fill("2026-10-01");
    await funnel.apply.click();
    await expect(funnel.lastDay).toHaveAttribute("aria-invalid", "true");
    await expect(funnel.lastDay).toBeFocused();
    await expect(funnel.lastDay).toHaveAccessibleDescription(/^Error: The last day is before the first day/);
    await expect(funnel.firstDay).not.toHaveAttribute("aria-invalid", "true");
  });

  test("the administrator's missing authenticator code", async ({ page, signInPage }) => {
    await signInPage.goto();
    const c = await credentialsFor("admin");
    await signInPage.signIn(c.email, c.password);
    const code = page.getByLabel("Authentication code");
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(code).toBeFocused();
    await expect(code).toHaveAccessibleDescription(/^Error: Enter the 6-digit code from your authenticator app/);
    await expect(page.getByRole("alert")).toHaveCount(0);
    // The field then takes the code and signs in.
    await code.fill(c.code ?? "");
    await signInPage.submit.click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
});

test("the funnel's weekly trend stays within the chosen range, and the Last day field lines up with First day", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await funnel.goto();
  const fromBox = await funnel.firstDay.boundingBox();
  const toBox = await funnel.lastDay.boundingBox();
  expect(toBox?.y).toBe(fromBox?.y);

  // Thirty days: five weekly cohorts, the earliest starting on the range's first day.
  const from = clinicInputValue(-30).slice(0, 10);
  const through = clinicInputValue(-1).slice(0, 10);
  await funnel.firstDay.fill(from);
  await funnel.lastDay.fill(through);
  await funnel.apply.click();
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  const weeks = funnel.weekly.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(weeks).toHaveCount(5);
  const day = (iso: string) => new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  await expect(weeks.first().getByRole("cell").first()).toHaveText(new RegExp(`^${day(from)} – `));
  await expect(weeks.last().getByRole("cell").first()).toHaveText(new RegExp(` – ${day(through)}$`));
});

test("a live call logged with N: the timer runs from the answer and saving fills the duration; the Line reads whole", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await page.keyboard.press("n");
  const form = page.getByRole("form", { name: "Log a call" });
  await expect(form).toBeVisible();
  const timer = form.getByRole("timer", { name: "Call timer" });
  await expect(timer).toHaveText(/^0:0\d$/);
  await expect(timer).toHaveText(/^0:0[2-9]$/, { timeout: 5000 });

  // The chosen line's text fits its select, arrow and padding aside.
  const line = form.getByLabel("Line");
  const fits = await line.evaluate((el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]?.textContent ?? "";
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text, need: context.measureText(text).width, room };
  });
  expect(fits.text).toMatch(/Main line/);
  expect(fits.need).toBeLessThanOrEqual(fits.room);

  await form.getByLabel("Caller's phone").fill("(818) 555-0177");
  await page.keyboard.press("Enter");
  const confirmation = page.getByRole("status").filter({ hasText: "Call logged" });
  await expect(confirmation).toBeVisible();
  await confirmation.getByRole("link").first().click();
  const call = page.getByRole("table", { name: "Calls with this lead" }).getByRole("row").filter({ hasText: "Inbound" }).first();
  await expect(call.getByRole("cell").filter({ hasText: /^0:(0[2-9]|[1-5]\d)$/ })).toHaveCount(1);

  // Logged afterwards: typing the start stops the timer and the duration is asked for.
  await page.keyboard.press("n");
  await expect(timer).toBeVisible();
  await form.getByLabel("Started at").fill(clinicInputValue(-0.1));
  await expect(timer).toHaveCount(0);
  await form.getByLabel("Caller's phone").fill("(818) 555-0178");
  await form.getByRole("button", { name: "Save call" }).click();
  await expect(form.getByLabel("Duration")).toHaveAttribute("aria-invalid", "true");
});

test("the handoff's Background starts from the screening, and stays editable", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.eligibleLead("Background");
    await signInAs("coordinator");
    await page.goto(`/leads/${lead.id}/handoff`);
    const note = new HandoffForm(page);
    await expect(note.background).toHaveValue(/^Pain in the .+ for \d+ (months?|years).*Tried .+: it (helped|helped only partly|did not help)\./);
    await note.background.fill("Written by the coordinator instead.");
    await expect(note.background).toHaveValue("Written by the coordinator instead.");
  } finally {
    await desk.dispose();
  }
});

test("on a 420 px phone the header stays compact: at most two short rows, nothing cut, no sideways scroll", async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 420, height: 860 });
  await signInAs("coordinator");
  const header = page.getByRole("banner");
  const box = await header.boundingBox();
  console.info(`header at 420 px: ${box?.height} px`);
  expect(box?.height ?? Infinity).toBeLessThanOrEqual(104);
  for (const control of [
    page.getByRole("button", { name: "Log a call" }),
    page.getByRole("button", { name: "Sign out" }),
    page.getByRole("link", { name: "Iris Intake" }),
  ]) {
    await expect(control).toBeInViewport({ ratio: 1 });
  }
  // Who is signed in is still said, to a screen reader too.
  await expect(header).toContainText("Casey Coordinator");
  await expect(header).toContainText("Intake coordinator");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("a checklist item is marked done today in one action, and its date can be changed after", async ({ page, signInAs, baseURL }) => {
  const desk = await DeskApi.signIn(baseURL);
  try {
    const lead = await desk.handedOffLead("Checklist");
    await signInAs("scheduler");
    await page.goto(`/scheduling/leads/${lead.id}`);
    const record = new LeadScheduling(page);
    const exam = record.checklist.getByRole("listitem").filter({ hasText: "Physical exam" });
    await record.checklist.getByRole("button", { name: "Mark done today (Physical exam)" }).click();
    await expect(record.confirmation).toContainText("Physical exam marked done today");
    await expect(exam).toContainText(/Done\s*Done \w{3} \d{1,2}, \d{4}/);
    await expect(record.checklist.getByRole("button", { name: "Mark done today (Physical exam)" })).toHaveCount(0);

    await record.checklist.getByRole("button", { name: "Change date (Physical exam)" }).click();
    const date = record.checklist.getByLabel("Date done");
    const today = clinicInputValue(0).slice(0, 10);
    await expect(date).toHaveValue(today);
    const yesterday = clinicInputValue(-1).slice(0, 10);
    await date.fill(yesterday);
    await record.checklist.getByRole("button", { name: "Save date" }).click();
    const shown = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${yesterday}T12:00:00Z`),
    );
    await expect(exam).toContainText(`Done ${shown}`);
  } finally {
    await desk.dispose();
  }
});
