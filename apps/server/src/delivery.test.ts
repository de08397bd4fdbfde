// How the dashboard reaches a browser, over HTTP on the real build (apps/web/dist, built by
// `pnpm --filter @intake/web build`): hashed files precompressed and kept for a year, API answers
// compressed above a size, live streams never, and the first screen's JavaScript within budget.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { sessionCookie } from "./testing/http.ts";
import { buildApp, COMPRESS_THRESHOLD_BYTES } from "./app.ts";

const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));
/** The most JavaScript, gzipped, a browser may fetch before the first screen can draw. */
const FIRST_SCREEN_BUDGET_BYTES = 200 * 1024;
const IMMUTABLE = "public, max-age=31536000, immutable";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, "index.html"))) throw new Error(`No dashboard build in ${WEB_DIST}: run \`pnpm --filter @intake/web build\` first.`);
  dir = mkdtempSync(join(tmpdir(), "intake-delivery-"));
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 60 });
  app = await buildApp({ db, alertCheckMs: false });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app?.close();
  db?.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A plain HTTP GET that leaves the body as sent (fetch would decompress it and hide how it came). */
function get(path: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function decode(answer: RawAnswer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body);
  if (encoding === "gzip") return gunzipSync(answer.body);
  return answer.body;
}

const signIn = (email: string) => sessionCookie(base, email);

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
const manifest = (): Record<string, ManifestChunk> =>
  JSON.parse(readFileSync(join(WEB_DIST, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;

/** The files a chunk needs before it runs: itself and what it imports statically, transitively. */
function staticClosure(chunks: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = chunks[key];
    if (!chunk) throw new Error(`The build manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

/** The gzipped bytes the server sends for these files to a browser that accepts gzip only. */
async function gzippedOverHttp(files: Iterable<string>): Promise<number> {
  let total = 0;
  for (const file of files) {
    const answer = await get(`/${file}`, { "accept-encoding": "gzip" });
    expect(answer.status, file).toBe(200);
    // A file too small to precompress goes as it is; count what gzip would make of it.
    total += answer.headers["content-encoding"] === "gzip" ? answer.body.length : gzipSync(answer.body).length;
  }
  return total;
}

describe("the dashboard's files", () => {
  const assets = () => readdirSync(join(WEB_DIST, "assets")).filter((name) => /\.(?:js|css)$/.test(name));

  it("every hashed script and stylesheet goes out brotli- or gzip-compressed as asked, and is kept for a year", async () => {
    expect(assets().length).toBeGreaterThan(5);
    for (const name of assets()) {
      const original = readFileSync(join(WEB_DIST, "assets", name));
      if (original.length < 1024) continue;
      for (const [accept, expected] of [
        ["gzip, deflate, br", "br"],
        ["gzip", "gzip"],
        ["identity", undefined],
      ] as const) {
        const answer = await get(`/assets/${name}`, { "accept-encoding": accept });
        expect(answer.status, name).toBe(200);
        expect(answer.headers["content-encoding"], `${name} for ${accept}`).toBe(expected);
        expect(answer.headers["cache-control"], name).toBe(IMMUTABLE);
        expect(decode(answer).equals(original), name).toBe(true);
        if (expected) {
          expect(answer.body.length, name).toBeLessThan(original.length);
          expect(String(answer.headers.vary), name).toMatch(/accept-encoding/i);
        }
      }
    }
  });

  it("the index is revalidated on every load", async () => {
    for (const path of ["/", "/funnel"]) {
      const answer = await get(path, { "accept-encoding": "br, gzip" });
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe("no-cache");
      expect(decode(answer).toString()).toMatch(/<div id="root">/);
    }
  });

  it("the first screen's JavaScript is at most 200 kB gzipped: sign-in, and each role's home", async () => {
    const chunks = manifest();
    const entry = Object.keys(chunks).find((key) => chunks[key]!.isEntry);
    expect(entry).toBeDefined();
    const signIn = staticClosure(chunks, [entry!]);
    // The index names exactly these scripts, so the browser starts them all at once.
    const index = readFileSync(join(WEB_DIST, "index.html"), "utf8");
    const named = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(new Set(named)).toEqual(signIn);
    // Every role's home is the signed-in frame and the home screen, both loaded on demand.
    const home = staticClosure(chunks, [entry!, "src/app/Layout.tsx", "src/app/HomePage.tsx"]);
    const signInBytes = await gzippedOverHttp(signIn);
    const homeBytes = await gzippedOverHttp(home);
    console.info(`first screen, gzipped: sign-in ${(signInBytes / 1024).toFixed(1)} kB, home ${(homeBytes / 1024).toFixed(1)} kB`);
    expect(signInBytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_BYTES);
    expect(homeBytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_BYTES);
    // The charts are the funnel's alone.
    const funnel = Object.keys(chunks).find((key) => key.endsWith("FunnelPage.tsx"));
    expect(funnel).toBeDefined();
    expect(home.has(chunks[funnel!]!.file)).toBe(false);
  });
});

describe("API answers", () => {
  it("are compressed above the threshold, and sent as they are below it", async () => {
    const cookie = await signIn("coordinator@iris.test");
    const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
    const big = await get(`/trpc/lead.list?input=${input({ page: 1, perPage: 50 })}`, { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(big.status).toBe(200);
    expect(big.headers["content-encoding"]).toBe("br");
    expect(decode(big).length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    expect(JSON.parse(decode(big).toString())).toHaveProperty("result");
    const small = await get("/trpc/auth.me", { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("a live stream is never compressed and its first event arrives at once", async () => {
    const cookie = await signIn("coordinator@iris.test");
    const first = await new Promise<{ headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
      const req = request(
        `${base}/trpc/workQueue.onChange`,
        { headers: { cookie, accept: "text/event-stream", "accept-encoding": "gzip, deflate, br" } },
        (res) => {
          res.once("data", (chunk: Buffer) => {
            resolve({ headers: res.headers, text: chunk.toString() });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.setTimeout(3000, () => reject(new Error("no event within 3 s: the stream is being held back")));
      req.end();
    });
    expect(first.headers["content-type"]).toMatch(/text\/event-stream/);
    expect(first.headers["content-encoding"]).toBeUndefined();
    expect(first.text).toMatch(/^(?:event|data|:|id|retry)/m);
  });
});
