/**
 * A tiny HTML builder for the server-rendered public pages: every interpolated value is escaped
 * unless it is already `SafeHtml` (the result of another `html` template or of `raw`).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  if (v === null || v === undefined || v === false || v === true) return "";
  return escapeHtml(String(v));
}

/** `html\`<p>${text}</p>\``: escapes by default; nested templates and arrays compose. `false`/`null` render nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup as safe; only for constants written in our own code. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** An attribute that is present or absent (`checked`, `selected`, `required`). */
export function flag(name: string, on: boolean): SafeHtml {
  return new SafeHtml(on ? ` ${name}` : "");
}

/** An optional attribute with an escaped value; absent when the value is empty. */
export function attr(name: string, value: string | number | null | undefined): SafeHtml {
  if (value === null || value === undefined || value === "") return new SafeHtml("");
  return new SafeHtml(` ${name}="${escapeHtml(String(value))}"`);
}
