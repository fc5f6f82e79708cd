import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "./replies.js";

const FILES: Record<string, string> = {
  "gmail.txt": "Yes, Tuesday works.\n\nOn Mon, Jan 5, 2026 at 9:14 AM Office <office@example.org> wrote:\n\n> Can you meet on Tuesday?\n",
  "iphone.txt": "Sounds good\n\nSent from my iPhone\n\nOn Jan 5, 2026, at 9:14 AM, Office <office@example.org> wrote:\n\n> See you then\n",
  "missed.txt": "Thanks!\n\nQuoting the office:\nsee you then",
  "html.eml": "From: ana@example.com\r\nSubject: Re: Meeting\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>Gracias</div><div class=\"gmail_quote\">El lun, 5 ene 2026 a las 9:14, Oficina &lt;o@example.org&gt; escribi&oacute;:<blockquote>Hola</blockquote></div>",
  "unscored.txt": "No expectation for this one.",
};
const EXPECTED = { "gmail.txt": "Yes, Tuesday   works.", "iphone.txt": "Sounds good", "missed.txt": "Thanks!", "html.eml": "Gracias" };

async function capture(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  });
  try {
    return { code: await run(argv), lines };
  } finally {
    spy.mockRestore();
  }
}

describe("eval replies", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-replies-"));
    for (const [name, body] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), body);
    fs.writeFileSync(path.join(dir, "expected.json"), JSON.stringify(EXPECTED));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("scores .txt and .eml files whitespace-normalised, lists misses, and prints the JSON summary last", async () => {
    const { code, lines } = await capture(["--dir", dir]);
    expect(code).toBe(0);
    expect(lines.filter((l) => l.startsWith("MISS"))).toEqual([expect.stringMatching(/^MISS missed\.txt /)]);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ n: 4, exact_match: 0.75, exact_match_fold: 0.75, exact_match_keep: 0.5, convention: "fold", files: 5, crashed: 0 });
  });

  it("scores the signature convention asked for", async () => {
    const { lines } = await capture(["--dir", dir, "--signatures", "keep", "--quiet"]);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ exact_match: 0.5, convention: "keep" });
  });

  it("refuses to run without a folder", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await run([])).toBe(2);
    err.mockRestore();
  });
});
