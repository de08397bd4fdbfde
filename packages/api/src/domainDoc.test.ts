// Comments cite the domain by its document in this repository, docs/domain.md, and by sections it has.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function sources(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "dist") sources(path, into);
    } else if (/\.tsx?$/.test(entry.name)) into.push(path);
  }
  return into;
}

describe("docs/domain.md", () => {
  const doc = readFileSync(join(ROOT, "docs", "domain.md"), "utf8");
  const headings = doc
    .split("\n")
    .filter((line) => line.startsWith("#"))
    .map((line) => line.replace(/^#+\s*/, ""));
  const files = ["packages", "apps"].flatMap((top) => sources(top));

  it("is what the code cites: no comment points at a DOMAIN.md the repository does not hold", () => {
    const self = join("packages", "api", "src", "domainDoc.test.ts");
    const stale = files.filter((file) => file !== self && /(?<!docs\/)DOMAIN\.md/.test(readFileSync(join(ROOT, file), "utf8")));
    expect(stale, "point these at docs/domain.md").toEqual([]);
  });

  it("has every section a comment names", () => {
    const cited = files.flatMap((file) =>
      [...readFileSync(join(ROOT, file), "utf8").matchAll(/docs\/domain\.md,? "([^"]+)"/g)].map((m) => ({ file, section: m[1]! })),
    );
    expect(cited.length).toBeGreaterThan(5);
    const missing = cited.filter(({ section }) => !headings.some((h) => h.startsWith(section)));
    expect(missing, "add the section to docs/domain.md or fix the comment").toEqual([]);
  });
});
