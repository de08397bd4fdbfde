// Calls that log themselves: signed status callbacks show on an open coordinator dashboard without a reload,
// an ended call is completed from the strip by keyboard, and unsigned or mis-signed callbacks change nothing.
import { expect, tabUntilFocused, test, uniqueName, uniquePhone } from "../fixtures.ts";
import { ApiSession, LiveCalls, PhoneSystem, expectNoAxeViolations, liveStreamOpened, sign, type PhoneCall } from "../pages/admin.ts";

test("a ringing call appears live; once it ends the coordinator completes it by keyboard and finds the new lead", async ({
  page,
  signInAs,
  leadPage,
  request,
  baseURL,
}) => {
  const phoneSystem = new PhoneSystem(request, baseURL);
  const live = new LiveCalls(page);
  const caller = uniquePhone();
  const name = uniqueName("Ringing");

  const streaming = liveStreamOpened(page);
  await signInAs("coordinator");
  await streaming;
  await expect(live.anyItem(caller)).toHaveCount(0);

  // The phone system reports the call ringing: the strip shows it on the open dashboard.
  const call = phoneSystem.incoming(caller);
  expect(await call.report("ringing")).toBe(204);
  const ringing = live.item(caller, "Incoming call from");
  await expect(ringing).toContainText(`Incoming call from ${caller.national} — Unknown caller`);
  await expect(ringing).toContainText("Main line");

  expect(await call.report("in-progress", { afterSeconds: 6 })).toBe(204);
  await expect(live.item(caller, "Call in progress with")).toBeVisible();
  await expect(ringing).toHaveCount(0);

  // Three minutes of talk, then the caller hangs up: the call waits for the coordinator.
  expect(await call.report("completed", { afterSeconds: 186, extra: { CallDuration: "180" } })).toBe(204);
  const ended = live.item(caller, "Call ended — complete the record");
  await expect(ended).toContainText("Connected");
  await expect(ended).toContainText("3:00");

  // By keyboard: Tab to Complete, Enter opens the form on the caller's name, Enter in the notes saves.
  await tabUntilFocused(page, live.completeButton(caller));
  await page.keyboard.press("Enter");
  await expect(live.callerName).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(live.notes).toBeFocused();
  await page.keyboard.type("Asked about TMS for lower back pain; wants a screening call Tuesday.");
  await page.keyboard.press("Enter");

  await expect(live.confirmation).toContainText(`Call completed. New lead: ${name} · ${caller.national}`);
  await expect(ended).toHaveCount(0);
  const leadLink = live.confirmation.getByRole("link", { name: new RegExp(name) });
  await expect(leadLink).toBeFocused();
  await page.keyboard.press("Enter");

  // The new lead is in Contacting, with the call the phone system logged and the coordinator's notes.
  await expect(leadPage.heading(name)).toBeVisible();
  await expect(leadPage.historyRow("New → Contacting")).toBeVisible();
  const logged = leadPage.calls.getByRole("row").filter({ hasText: "Asked about TMS for lower back pain" });
  await expect(logged).toContainText("Inbound");
  await expect(logged).toContainText("3:00");
  await expect(logged).toContainText("Connected");
  await expect(logged).toContainText("Casey Coordinator");
  // Following the link put the confirmation away.
  await expect(live.confirmation).toHaveCount(0);

  // The same caller rings again while the coordinator is on another screen: now the strip names the lead.
  const again = phoneSystem.incoming(caller);
  expect(await again.report("ringing")).toBe(204);
  const known = live.item(caller, "Incoming call from");
  await expect(known).toContainText(`Incoming call from ${caller.national} — ${name} (Contacting)`);
  await expect(known.getByRole("link", { name })).toHaveAttribute("href", new URL(page.url()).pathname);

  expect(await again.report("in-progress", { afterSeconds: 4 })).toBe(204);
  expect(await again.report("completed", { afterSeconds: 64, extra: { CallDuration: "60" } })).toBe(204);
  await live.completeButton(caller).click();
  // The lead is known, so only notes are asked.
  await expect(live.notes).toBeFocused();
  await expect(live.callerName).toHaveCount(0);
  await live.notes.fill("Confirmed Tuesday 10 AM for the screening.");
  await live.notes.press("Enter");
  await expect(live.confirmation).toContainText(`Added to lead: ${name}`);
  await expect(leadPage.calls.getByRole("row").filter({ hasText: "Confirmed Tuesday 10 AM" })).toContainText("1:00");
});

test("unsigned and mis-signed callbacks are refused with 403 and nothing appears", async ({ page, signInAs, request, baseURL }) => {
  const phoneSystem = new PhoneSystem(request, baseURL);
  const live = new LiveCalls(page);
  const forged = uniquePhone();
  const control = uniquePhone();

  const streaming = liveStreamOpened(page);
  await signInAs("coordinator");
  await streaming;

  const call = phoneSystem.incoming(forged);
  const ringing = call.params("ringing");
  expect(await phoneSystem.post(ringing, { signature: null }), "unsigned").toBe(403);
  expect(await phoneSystem.post(ringing, { signature: sign(ringing, { token: "a-different-account-token-000000" }) }), "another account").toBe(403);
  expect(await phoneSystem.post(ringing, { signature: sign(ringing, { url: "https://elsewhere.test/webhooks/voice/status" }) }), "another URL").toBe(403);
  // Signed for one caller, delivered claiming another.
  expect(await phoneSystem.post({ ...ringing, From: control.e164 }, { signature: sign(ringing) }), "tampered").toBe(403);

  // A genuine callback sent after them shows; by then the refused ones would have shown too.
  const genuine = phoneSystem.incoming(control);
  expect(await genuine.report("ringing")).toBe(204);
  await expect(live.item(control, "Incoming call from")).toBeVisible();
  await expect(live.anyItem(forged)).toHaveCount(0);
  await page.reload();
  await expect(live.item(control, "Incoming call from")).toBeVisible();
  await expect(live.anyItem(forged)).toHaveCount(0);

  // The caller gives up after five seconds: an abandoned call, completed with no lead, leaves the strip.
  expect(await genuine.report("canceled", { afterSeconds: 5 })).toBe(204);
  const ended = live.item(control, "Call ended — complete the record");
  await expect(ended).toContainText("Abandoned");
  await live.completeButton(control).click();
  await expect(live.form).toContainText("No lead is started for a call like this one.");
  await live.save.click();
  await expect(live.confirmation).toContainText("No lead was started for this call.");
  await expect(live.anyItem(control)).toHaveCount(0);
});

test("a call that rings while the strip's first read is on its way still shows: a read begun before the call is not the last word", async ({
  page,
  signInAs,
  request,
  baseURL,
}) => {
  const phoneSystem = new PhoneSystem(request, baseURL);
  const live = new LiveCalls(page);
  const caller = uniquePhone();
  // The live stream's messages as the browser receives them (Chromium's EventSource).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const streamed: string[] = [];
  cdp.on("Network.eventSourceMessageReceived", (message) => void streamed.push(message.data));

  // The home's first read of the live calls: the server answers it (before the call rings), and the
  // answer is held on its way to the page until the call's event has reached the page.
  let deliver!: () => void;
  const delivered = new Promise<void>((resolve) => (deliver = resolve));
  let firstRead = true;
  await page.route(/\/trpc\/[^?]*call\.live/, async (route) => {
    if (!firstRead) return route.continue();
    firstRead = false;
    const answer = await route.fetch();
    await delivered;
    // The page may have given up on this read by now.
    await route.fulfill({ response: answer }).catch(() => {});
  });
  const streaming = liveStreamOpened(page);
  await signInAs("coordinator");
  await streaming;

  const call = phoneSystem.incoming(caller);
  expect(await call.report("ringing")).toBe(204);
  await expect.poll(() => streamed.some((data) => data.includes('"state":"ringing"'))).toBe(true);
  deliver();
  await expect(live.item(caller, "Incoming call from")).toBeVisible();
  // The caller hangs up; the call is completed, as the desk would, and leaves the strip.
  expect(await call.report("canceled", { afterSeconds: 3 })).toBe(204);
  await live.completeButton(caller).click();
  await live.save.click();
  await expect(live.anyItem(caller)).toHaveCount(0);
});

test("axe: the coordinator home with a ringing call and with the completion form open", async ({ page, signInAs, request, baseURL }) => {
  const phoneSystem = new PhoneSystem(request, baseURL);
  const live = new LiveCalls(page);
  const caller = uniquePhone();

  const streaming = liveStreamOpened(page);
  await signInAs("coordinator");
  await streaming;
  const call = phoneSystem.incoming(caller);
  expect(await call.report("ringing")).toBe(204);
  await expect(live.item(caller, "Incoming call from")).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent calls" }).getByRole("row").nth(1)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath("home-ringing.png"), fullPage: false });

  expect(await call.report("canceled", { afterSeconds: 8 })).toBe(204);
  await live.completeButton(caller).click();
  await expect(live.save).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath("home-complete-form.png"), fullPage: false });

  await live.save.click();
  await expect(live.confirmation).toBeVisible();
  await expectNoAxeViolations(page);
});

test("calls that never got a final status leave the strip, and the strip says how many calls it does not list", async ({
  page,
  signInAs,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const phoneSystem = new PhoneSystem(request, baseURL);
  const live = new LiveCalls(page);
  const desk = await ApiSession.signIn(baseURL, "coordinator");

  const streaming = liveStreamOpened(page);
  await signInAs("coordinator");
  await streaming;

  // Rang half an hour ago and never reported again (the provider lost the final callback), and one
  // answered five hours ago that never ended: stale. A call ringing now, reported after them, shows.
  const lostRinging = uniquePhone();
  const lostAnswered = uniquePhone();
  expect(await phoneSystem.incoming(lostRinging, new Date(Date.now() - 30 * 60_000)).report("ringing")).toBe(204);
  const longAgo = phoneSystem.incoming(lostAnswered, new Date(Date.now() - 5 * 60 * 60_000));
  expect(await longAgo.report("ringing")).toBe(204);
  expect(await longAgo.report("in-progress", { afterSeconds: 10 })).toBe(204);
  const control = uniquePhone();
  const ringing: PhoneCall[] = [phoneSystem.incoming(control)];
  expect(await ringing[0]!.report("ringing")).toBe(204);
  await expect(live.item(control, "Incoming call from")).toBeVisible();
  await expect(live.anyItem(lostRinging)).toHaveCount(0);
  await expect(live.anyItem(lostAnswered)).toHaveCount(0);
  await expect(live.notShown).toHaveCount(0);

  // A rush: 55 more calls ring at once. The strip lists the newest 50 and says how many more there are.
  for (let i = 0; i < 55; i++) ringing.push(phoneSystem.incoming(uniquePhone(), new Date(Date.now() - 30_000)));
  expect(new Set(await Promise.all(ringing.slice(1).map((call) => call.report("ringing"))))).toEqual(new Set([204]));
  const { items, more } = await desk.call<{ items: unknown[]; more: number }>("call.live", undefined);
  expect(items).toHaveLength(50);
  expect(more).toBeGreaterThanOrEqual(6);
  await expect(live.notShown).toHaveText(`…and ${more} more calls not shown.`);
  await expect(live.region.getByRole("listitem").filter({ hasText: "Incoming call from" })).toHaveCount(50);
  await page.screenshot({ path: test.info().outputPath("live-calls-more.png"), fullPage: false });

  // The callers give up; the desk completes each (no lead is started for an abandoned call), and the count goes.
  await Promise.all(ringing.map((call) => call.report("canceled", { afterSeconds: 5 })));
  const ours = new Set(ringing.map((call) => call.from));
  for (;;) {
    const waiting = (await desk.call<{ items: { id: number; otherNumber: string }[] }>("call.live", undefined)).items.filter((c) => ours.has(c.otherNumber));
    if (waiting.length === 0) break;
    for (const call of waiting) await desk.call("call.complete", { id: call.id });
  }
  await expect(live.notShown).toHaveCount(0);
  await expect(live.anyItem(control)).toHaveCount(0);
  await desk.dispose();
});
