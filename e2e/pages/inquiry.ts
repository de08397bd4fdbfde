// The public inquiry form (/inquire), as a stranger on the clinic's site meets it: no session.
import type { Locator, Page } from "@playwright/test";

export class InquiryForm {
  readonly heading: Locator;
  readonly name: Locator;
  readonly phone: Locator;
  readonly email: Locator;
  readonly byText: Locator;
  readonly language: Locator;
  readonly message: Locator;
  readonly textConsent: Locator;
  readonly send: Locator;
  readonly thanks: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Ask about TMS for chronic pain" });
    this.name = page.getByLabel("Your name (required)");
    this.phone = page.getByLabel("Phone number (required)");
    this.email = page.getByRole("textbox", { name: "Email" });
    this.byText = page.getByRole("radio", { name: "Text message" });
    this.language = page.getByRole("combobox", { name: "Language" });
    this.message = page.getByRole("textbox", { name: "Message" });
    this.textConsent = page.getByRole("checkbox", { name: /text messages/ });
    this.send = page.getByRole("button", { name: "Send" });
    this.thanks = page.getByRole("status");
  }
}
