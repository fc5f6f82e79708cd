import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";

describe("toCsv", () => {
  it("quotes separators, quotes and line breaks; writes numbers and nulls plainly", () => {
    expect(toCsv(["a", "b"], [["x, y", 'say "hi"'], ["line\nbreak", null], [1.5, -2]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",\r\n1.5,-2\r\n');
  });

  it("defuses text a spreadsheet would run as a formula, not negative numbers", () => {
    expect(toCsv(["label"], [["=HYPERLINK(\"http://x\")"], ["+1"], ["-1"], ["@SUM(A1)"], [-1]])).toBe(
      "label\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'+1\r\n'-1\r\n'@SUM(A1)\r\n-1\r\n",
    );
  });
});
