// Test-only: a stand-in EHR that takes FHIR transaction bundles over HTTP, checks each one against
// the FHIR R4 definitions, and answers as a FHIR server does: a transaction-response Bundle, or an
// OperationOutcome when the bundle is not valid or when told to refuse. Point FHIR_BASE_URL at `url`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { assertValidTransactionBundle } from "@intake/domain/fhir/testing";
import type { Bundle } from "@medplum/fhirtypes";

export interface StandInEhr {
  /** The FHIR base URL to send to. */
  url: string;
  /** Every bundle received, with the path and content type it came with. */
  received: { path: string; contentType: string | undefined; bundle: Bundle }[];
  /** "accept" (the default) or "refuse": a 422 naming an element, with free text that quotes the patient. */
  answer: "accept" | "refuse";
  close(): Promise<void>;
}

const outcome = (issue: Record<string, unknown>) => JSON.stringify({ resourceType: "OperationOutcome", issue: [{ severity: "error", ...issue }] });

export async function startStandInEhr(port = 0): Promise<StandInEhr> {
  const ehr: Omit<StandInEhr, "url" | "close"> = { received: [], answer: "accept" };
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += String(chunk)));
    req.on("end", () => {
      res.setHeader("content-type", "application/fhir+json");
      let bundle: Bundle;
      try {
        bundle = JSON.parse(text) as Bundle;
        ehr.received.push({ path: req.url ?? "", contentType: req.headers["content-type"], bundle });
        assertValidTransactionBundle(bundle);
      } catch {
        res.statusCode = 400;
        res.end(outcome({ code: "invalid" }));
        return;
      }
      if (ehr.answer === "refuse") {
        res.statusCode = 422;
        res.end(
          outcome({
            code: "business-rule",
            expression: ["Patient.birthDate"],
            diagnostics: `Patient ${bundle.entry?.[0]?.fullUrl} is a duplicate of Rosa Diaz`,
          }),
        );
        return;
      }
      const entry = (bundle.entry ?? []).map((e, i) => ({
        response: { status: i === 0 ? "200 OK" : "201 Created", location: `${e.resource?.resourceType}/ehr-${i}/_history/1` },
      }));
      res.end(JSON.stringify({ resourceType: "Bundle", type: "transaction-response", entry }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return Object.assign(ehr, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir/R4`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
