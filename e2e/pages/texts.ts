// Texts in the browser tests: a caller texting the clinic through Twilio's signed inbound webhook, a
// stand-in of Twilio's Messages endpoint that records what the server sent, and the lead page's conversation.
import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { PUBLIC_BASE_URL, STAND_IN_TWILIO_PORT, TWILIO_TEST_ACCOUNT_SID, type TestPhone } from "../fixtures.ts";
import { LISTED_LINE, sign } from "./admin.ts";

const INBOUND_PATH = "/webhooks/sms/inbound";

/** A caller's phone: each text posts Twilio's form fields, signed as Twilio signs them. */
export class TextingCaller {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseURL: string | undefined,
    readonly phone: TestPhone,
  ) {}

  async text(body: string): Promise<number> {
    const params = {
      MessageSid: `SM${randomBytes(16).toString("hex")}`,
      AccountSid: TWILIO_TEST_ACCOUNT_SID,
      From: this.phone.e164,
      To: LISTED_LINE,
      Body: body,
      NumMedia: "0",
      ApiVersion: "2010-04-01",
    };
    const res = await this.request.post(`${this.baseURL ?? ""}${INBOUND_PATH}`, {
      form: params,
      headers: { "x-twilio-signature": sign(params, { url: `${PUBLIC_BASE_URL}${INBOUND_PATH}` }) },
    });
    return res.status();
  }
}

/** Twilio's Messages endpoint as the server calls it (TWILIO_API_BASE): records each form body, answers `queued`. */
export class StandInTwilio {
  readonly sent: Record<string, string>[] = [];
  private server: Server | null = null;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
        this.sent.push(form);
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ sid: `SM${randomBytes(16).toString("hex")}`, status: "queued", to: form.To, from: form.From, body: form.Body }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(STAND_IN_TWILIO_PORT, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The conversation panel on the lead page. */
export class Conversation {
  readonly panel: Locator;
  readonly thread: Locator;
  readonly message: Locator;
  readonly send: Locator;
  readonly consent: Locator;

  constructor(page: Page) {
    this.panel = page.getByRole("region", { name: "Texts" });
    this.thread = this.panel.getByRole("list", { name: "Texts and calls, oldest first" });
    this.message = this.panel.getByRole("textbox", { name: "Message" });
    this.send = this.panel.getByRole("button", { name: "Send text" });
    this.consent = this.panel.getByText("Text consent:");
  }

  text(body: string): Locator {
    return this.thread.getByRole("listitem").filter({ hasText: body });
  }
}
