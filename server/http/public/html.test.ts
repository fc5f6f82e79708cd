import { describe, expect, it } from "vitest";
import { attr, flag, html, raw } from "./html.js";

describe("the html template", () => {
  it("escapes every interpolated value by default", () => {
    const name = `<script>alert("x")</script> & 'friends'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;</p>`,
    );
  });

  it("composes nested templates and arrays without escaping them twice", () => {
    const items = ["a<b", "c&d"].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c&amp;d</li></ul>");
    expect(html`${raw("<br>")}`.value).toBe("<br>");
  });

  it("renders nothing for null, undefined and booleans, and numbers as text", () => {
    expect(html`[${null}${undefined}${false}${true}${0}]`.value).toBe("[0]");
  });

  it("writes optional attributes only when they have a value", () => {
    expect(html`<input${attr("value", 'a"b')}${attr("min", undefined)}${flag("checked", true)}${flag("required", false)}>`.value).toBe(
      `<input value="a&quot;b" checked>`,
    );
  });
});
