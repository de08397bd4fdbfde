// The bench's floor: plain node:http and better-sqlite3 storing the same call row call.log stores
// (phone number encrypted, blind index, line, coordinator), with no framework, session or lead logic.
import { createServer } from "node:http";
import { openDb, numberIndex } from "@intake/db";
import { toE164 } from "@intake/domain";

const db = openDb({ path: process.env.INTAKE_DB!, migrate: false });
const sqlite = db.$client;
const lineId = sqlite.prepare("select id from line order by id limit 1").pluck().get() as number;
const userId = sqlite.prepare("select id from user where role = 'coordinator' order by id limit 1").pluck().get() as number;
const insert = sqlite.prepare(
  `insert into call (direction, line_id, other_number, other_number_index, started_at, duration_seconds, outcome, handled_by_id, lead_id, created_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, null, ?) returning id`,
);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        json: { direction: string; otherNumber: string; startedAt: string; durationSeconds: number; outcome: string };
      };
      const input = body.json;
      const e164 = toE164(input.otherNumber);
      if (!e164) throw new Error("bad number");
      const id = insert
        .pluck()
        .get(
          input.direction,
          lineId,
          db.cipher.encrypt(e164),
          numberIndex(db, e164),
          Date.parse(input.startedAt),
          input.durationSeconds,
          input.outcome,
          userId,
          Date.now(),
        );
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ result: { data: { json: { call: { id } } } } }));
    } catch {
      res.writeHead(400).end();
    }
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("raw baseline ready"));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
