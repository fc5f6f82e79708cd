import { describe, expect, it } from "vitest";
import { storableBody, storableText } from "./text.js";

describe("storableText", () => {
  it("removes NUL characters and replaces lone surrogates, keeping pairs, emoji and every other character", () => {
    expect(storableText("a\u0000b\u0000")).toBe("ab");
    expect(storableText("x\ud800y\udfffz")).toBe("x\ufffdy\ufffdz");
    expect(storableText("\udfff\ud800")).toBe("\ufffd\ufffd");
    expect(storableText("👩‍👩‍👧 ñ \u202e \t\r\n")).toBe("👩‍👩‍👧 ñ \u202e \t\r\n");
    const plain = "nothing to do";
    expect(storableText(plain)).toBe(plain);
  });
});

describe("storableBody", () => {
  it("cleans strings and keys at any depth of objects and arrays, and leaves Buffers alone", () => {
    const buf = Buffer.from([0, 1]);
    expect(storableBody({ "k\u0000": ["a\u0000", { b: "\ud800" }], n: 1, z: null, buf })).toEqual({ k: ["a", { b: "\ufffd" }], n: 1, z: null, buf });
    expect(storableBody(buf)).toBe(buf);
  });

  it("keeps a key named __proto__ a plain key (no prototype change)", () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":1},"a":"x"}') as Record<string, unknown>;
    const out = storableBody(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("stops at 64 levels instead of overflowing the stack", () => {
    let deep: unknown = "x\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => storableBody(deep)).not.toThrow();
  });
});
