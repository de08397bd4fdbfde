// The FHIR export on the lead page: a scheduler downloads the lead's bundle (no screening answers)
// and sends it to the EHR, a stand-in that checks it; a manager's download holds the screening.
import type { Bundle } from "@medplum/fhirtypes";
import { startStandInEhr, type StandInEhr } from "@intake/api/testing/ehr";
import { assertValidTransactionBundle, resourcesOf } from "@intake/domain/fhir/testing";
import { expect, STAND_IN_EHR_PORT, test } from "../fixtures.ts";
import { EhrPanel } from "../pages/ehr.ts";
import { DeskApi, type TestLead } from "../pages/scheduling.ts";

let lead: TestLead;
let ehr: StandInEhr;

test.beforeAll(async ({ baseURL }) => {
  ehr = await startStandInEhr(STAND_IN_EHR_PORT);
  const desk = await DeskApi.signIn(baseURL);
  try {
    lead = await desk.handedOffLead("Ehr");
  } finally {
    await desk.dispose();
  }
});
test.afterAll(async () => {
  await ehr.close();
});

test("a scheduler downloads the lead's FHIR bundle without the screening answers, and sends it to the EHR", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const panel = new EhrPanel(page);
  await signInAs("scheduler");
  await page.goto(`/scheduling/leads/${lead.id}`);
  await expect(panel.region).toBeVisible();
  await expect(panel.status).toHaveText("Not sent to the EHR yet.");

  const { filename, bundle } = await panel.downloadBundle();
  expect(filename).toBe(`lead-${lead.id}.fhir.json`);
  const downloaded = bundle as Bundle;
  assertValidTransactionBundle(downloaded);
  expect(resourcesOf(downloaded, "Patient")[0]?.name?.[0]?.text).toBe(lead.name);
  expect(resourcesOf(downloaded, "Task")[0]?.note?.[0]?.text).toContain("Recommendation: Book a consult");
  // No answers: no QuestionnaireResponse, and nothing the screen alone recorded (birth date, medication).
  expect(resourcesOf(downloaded, "QuestionnaireResponse")).toEqual([]);
  expect(JSON.stringify(downloaded)).not.toContain("1971-03-14");
  expect(JSON.stringify(downloaded)).not.toContain("ibuprofen");

  ehr.received.length = 0;
  await panel.send.click();
  await expect(panel.status).toContainText(/Sent to the EHR .*HTTP 200: \d+ entries/);
  await expect(panel.status).toContainText("Patient/ehr-0/_history/1");
  expect(ehr.received).toHaveLength(1);
  const sent = ehr.received[0]!.bundle;
  expect(resourcesOf(sent, "Patient")[0]?.identifier?.[0]?.value).toBe(String(lead.id));
  expect(resourcesOf(sent, "QuestionnaireResponse")).toEqual([]);

  // The answer is kept on the lead: it is there after a reload.
  await page.reload();
  await expect(panel.status).toContainText(/Sent to the EHR .*HTTP 200/);
});

test("a manager's download holds the screening; sending is for those who work the lead", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const panel = new EhrPanel(page);
  await signInAs("manager");
  await page.goto(`/leads/${lead.id}`);
  await expect(panel.region).toBeVisible();
  const { bundle } = await panel.downloadBundle();
  const downloaded = bundle as Bundle;
  assertValidTransactionBundle(downloaded);
  const answers = resourcesOf(downloaded, "QuestionnaireResponse")[0]?.item?.flatMap((g) => g.item ?? []);
  expect(answers?.find((i) => i.linkId === "caller.dateOfBirth")?.answer).toEqual([{ valueDate: "1971-03-14" }]);
  await expect(panel.send).toHaveCount(0);
});

test("a coordinator's lead page has no export", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByRole("heading", { level: 1, name: lead.name })).toBeVisible();
  await expect(new EhrPanel(page).region).toHaveCount(0);
});
