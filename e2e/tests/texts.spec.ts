// Texts with callers: a caller's text reaches an open coordinator dashboard live, and the coordinator
// answers it from the lead page with the keyboard alone; the answer goes to the provider as sent.
import { expect, tabUntilFocused, test, uniqueName, uniquePhone } from "../fixtures.ts";
import { ApiSession, expectNoAxeViolations, LISTED_LINE } from "../pages/admin.ts";
import { Conversation, StandInTwilio, TextingCaller } from "../pages/texts.ts";

const twilioApi = new StandInTwilio();
test.beforeAll(() => twilioApi.start());
test.afterAll(() => twilioApi.stop());

test("a coordinator reads a caller's text live and answers it from the lead page with the keyboard", async ({ page, signInAs, leadPage, request, baseURL }) => {
  const phone = uniquePhone();
  const name = uniqueName("Texter");
  // The caller phoned earlier: the desk knows their name.
  const api = await ApiSession.signIn(baseURL, "coordinator");
  await api.call("call.log", {
    direction: "inbound",
    otherNumber: phone.national,
    startedAt: new Date(),
    durationSeconds: 60,
    outcome: "connected",
    callerName: name,
  });
  await api.dispose();

  const streaming = page.waitForResponse((res) => res.url().includes("/trpc/workQueue.onChange") && res.status() === 200);
  await signInAs("coordinator");
  await streaming;
  const unread = page.getByRole("region", { name: /Texts from callers, unread/ });
  await expect(unread.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);

  // The caller opts in and asks a question, by text: the open dashboard shows it without a reload.
  const caller = new TextingCaller(request, baseURL, phone);
  expect(await caller.text("START")).toBe(200);
  expect(await caller.text("Hi, can someone call me tomorrow morning?")).toBe(200);
  const item = unread.getByRole("link", { name: new RegExp(name) });
  // Live, well before the queue's once-a-minute re-read; the margin is for a loaded test machine.
  await expect(item).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(page);

  // Keyboard only: Tab to the item, Enter opens the lead with the reply box focused.
  await tabUntilFocused(page, item);
  await page.keyboard.press("Enter");
  await expect(leadPage.heading(name)).toBeVisible();
  const conversation = new Conversation(page);
  await expect(conversation.text("Hi, can someone call me tomorrow morning?")).toBeVisible();
  await expect(conversation.panel).toContainText("Agreed to texts");
  await expect(conversation.message).toBeFocused();
  await page.keyboard.type("Of course. We will call you at 10 AM. Iris Clinic");
  await page.keyboard.press("Control+Enter");

  const answer = conversation.text("Of course. We will call you at 10 AM.");
  await expect(answer).toContainText("Clinic (Casey Coordinator)");
  await expect(answer).toContainText(/Sending|Sent|Delivered/);
  await expect(conversation.message).toHaveValue("");
  expect(twilioApi.sent).toContainEqual({
    Body: "Of course. We will call you at 10 AM. Iris Clinic",
    From: LISTED_LINE,
    To: phone.e164,
    StatusCallback: "https://intake.test/webhooks/sms/status",
  });
  await expectNoAxeViolations(page);

  // Read: the text has left the work queue.
  await page.getByRole("link", { name: "Home" }).first().click();
  await expect(page.getByRole("heading", { name: "Work queue" })).toBeVisible();
  await expect(unread.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
});
