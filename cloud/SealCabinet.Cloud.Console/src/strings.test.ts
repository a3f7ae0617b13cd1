import { describe, expect, it } from "vitest";
import { strings } from "./i18n/strings";

describe("strings", () => {
  it("has the same keys in Chinese and English", () => {
    expect(Object.keys(strings.en).sort()).toEqual(Object.keys(strings["zh-CN"]).sort());
  });

  it("has no empty string and the same placeholders in both languages", () => {
    for (const [key, zh] of Object.entries(strings["zh-CN"])) {
      const en = strings.en[key as keyof typeof strings.en];
      expect(zh.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en), key).toEqual(names(zh));
    }
  });
});
