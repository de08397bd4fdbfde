// Page objects for the managers' funnel dashboard and its drill-down (role and label locators only).
import type { Download, Locator, Page } from "@playwright/test";
import { expect } from "../fixtures.ts";

export const STAGE_LABELS = ["Inquiry", "Contacted", "Screened", "Eligible", "Handed off", "Scheduled", "Consulted", "In treatment"] as const;

/** Body rows only: the header row holds column headers, not cells. */
function bodyRows(page: Page, table: Locator): Locator {
  return table.getByRole("row").filter({ has: page.getByRole("cell") });
}

export class FunnelDashboard {
  readonly heading: Locator;
  readonly filters: Locator;
  readonly firstDay: Locator;
  readonly lastDay: Locator;
  readonly source: Locator;
  readonly line: Locator;
  readonly coordinator: Locator;
  readonly referrer: Locator;
  readonly channel: Locator;
  readonly campaign: Locator;
  readonly apply: Locator;
  readonly stagesChart: Locator;
  readonly stageTable: Locator;
  readonly stageRows: Locator;
  readonly closedReasons: Locator;
  readonly weekly: Locator;
  readonly headline: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Conversion funnel" });
    this.filters = page.getByRole("form", { name: "Funnel filters" });
    this.firstDay = this.filters.getByLabel("First day");
    this.lastDay = this.filters.getByLabel("Last day");
    this.source = this.filters.getByLabel("Source");
    this.line = this.filters.getByLabel("Line");
    this.coordinator = this.filters.getByLabel("Coordinator");
    this.referrer = this.filters.getByLabel("Referring provider");
    this.channel = this.filters.getByLabel("Came in by");
    this.campaign = this.filters.getByLabel("Campaign");
    this.apply = this.filters.getByRole("button", { name: "Apply filters" });
    this.stagesChart = page.getByRole("figure", { name: "Leads reaching each stage" });
    this.stageTable = page.getByRole("table", { name: "Stages" });
    this.stageRows = bodyRows(page, this.stageTable);
    this.closedReasons = page.getByRole("table", { name: "Closed reasons" });
    this.weekly = page.getByRole("table", { name: "Weekly cohorts" });
    this.headline = page.getByRole("region", { name: "Headline figures" });
  }

  async goto(search = ""): Promise<void> {
    await this.page.goto(`/funnel${search}`);
    await expect(this.heading).toBeVisible();
    await expect(this.stageRows).toHaveCount(8);
  }

  stageRow(label: string): Locator {
    return this.stageRows.filter({ has: this.page.getByRole("cell", { name: label, exact: true }) });
  }

  /** The stage's count as the table shows it. */
  async stageCount(label: string): Promise<number> {
    const text = await this.stageRow(label).getByRole("cell").nth(1).innerText();
    return Number(text.replaceAll(",", ""));
  }

  showLeads(label: string): Locator {
    return this.stageRow(label).getByRole("link", { name: `Show leads for ${label.toLowerCase()}` });
  }

  tab(name: "By coordinator" | "By source" | "By line" | "By language" | "By channel" | "By campaign" | "By referring provider"): Locator {
    return this.page.getByRole("tab", { name });
  }

  /** Each table's export button is named after it ("Export CSV of stages"). */
  exportButton(caption: string): Locator {
    return this.page.getByRole("button", { name: `Export CSV of ${caption.toLowerCase()}` });
  }

  /** The column headers a table shows, in order. */
  async headers(table: Locator): Promise<string[]> {
    // Text content, not innerText: the headers are upper-cased by CSS only.
    return (await table.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  }

  async download(button: Locator): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), button.click()]);
    const path = await download.path();
    const { readFile } = await import("node:fs/promises");
    return { download, text: await readFile(path, "utf8") };
  }
}

export class FunnelLeads {
  readonly table: Locator;
  readonly rows: Locator;
  readonly auditNote: Locator;
  readonly pagerCount: Locator;
  readonly back: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole("table", { name: /^Leads that reached/ });
    this.rows = bodyRows(page, this.table);
    this.auditNote = page.getByText(/recorded in the audit trail/);
    this.pagerCount = page.getByRole("navigation", { name: /pages$/ }).getByText(/^\d[\d,]* leads?$/);
    this.back = page.getByRole("link", { name: "← Back to the funnel" });
  }

  heading(stageLabel: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: `Leads that reached ${stageLabel.toLowerCase()}` });
  }
}
