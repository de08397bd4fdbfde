// A stand-in for Twilio's Messages endpoint (POST /2010-04-01/Accounts/<sid>/Messages.json): it checks
// the account's basic auth, records each form body as sent, and answers as Twilio does.
import { createServer, type Server } from "node:http";

export const TEST_ACCOUNT_SID = `AC${"1".repeat(32)}`;

export interface SentText {
  accountSid: string;
  /** The form fields as posted: Body, From, To, StatusCallback. */
  form: Record<string, string>;
}

export interface StandInTwilio {
  url: string;
  sent: SentText[];
  /** Numbers Twilio refuses to text (they replied STOP): answered 400 with code 21610. */
  blocked: Set<string>;
  close(): Promise<void>;
}

export async function startStandInTwilio(authToken: string): Promise<StandInTwilio> {
  const sent: SentText[] = [];
  const blocked = new Set<string>();
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(req.url ?? "");
      const expected = `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${authToken}`).toString("base64")}`;
      res.setHeader("content-type", "application/json");
      if (req.method !== "POST" || !match) return void res.writeHead(404).end(JSON.stringify({ code: 20404, message: "Not found", status: 404 }));
      if (req.headers.authorization !== expected) return void res.writeHead(401).end(JSON.stringify({ code: 20003, message: "Authenticate", status: 401 }));
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      if (blocked.has(form.To ?? "")) {
        return void res.writeHead(400).end(JSON.stringify({ code: 21610, message: "Attempt to send to unsubscribed recipient", status: 400 }));
      }
      sent.push({ accountSid: match[1]!, form });
      const sid = `SM${(++seq).toString(16).padStart(32, "f")}`;
      res.writeHead(201).end(
        JSON.stringify({
          sid,
          account_sid: match[1],
          from: form.From,
          to: form.To,
          body: form.Body,
          status: "queued",
          direction: "outbound-api",
          api_version: "2010-04-01",
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    blocked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
