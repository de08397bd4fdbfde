// The lead's "Electronic health record" panel: download the FHIR bundle, Send to EHR (role and label locators only).
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";

export class EhrPanel {
  readonly region: Locator;
  readonly download: Locator;
  readonly send: Locator;
  readonly status: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole("region", { name: "Electronic health record" });
    this.download = this.region.getByRole("button", { name: "Download FHIR bundle" });
    this.send = this.region.getByRole("button", { name: "Send to EHR" });
    this.status = this.region.getByRole("status");
  }

  /** Downloads the bundle; returns its file name and parsed content. */
  async downloadBundle(): Promise<{ filename: string; bundle: unknown }> {
    const downloading = this.page.waitForEvent("download");
    await this.download.click();
    const download = await downloading;
    const path = await download.path();
    return { filename: download.suggestedFilename(), bundle: JSON.parse(await readFile(path, "utf8")) as unknown };
  }
}
