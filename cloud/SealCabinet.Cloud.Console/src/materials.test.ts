import { describe, expect, it } from "vitest";
import { toCsv } from "./format";
import { retryDelayMs } from "./backoff";
import { materialProblem, maxMaterialBytes } from "./materials";

describe("materials", () => {
  it("accepts images and PDF up to the limit and names what is wrong otherwise", () => {
    expect(materialProblem("image/jpeg", 1000)).toBeUndefined();
    expect(materialProblem("application/pdf", maxMaterialBytes)).toBeUndefined();
    expect(materialProblem("image/png", maxMaterialBytes + 1)).toBe("material.size");
    expect(materialProblem("application/zip", 10)).toBe("material.type");
    expect(materialProblem("", 10)).toBe("material.type");
  });
});

describe("live stream backoff", () => {
  it("doubles from one second up to fifteen", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and starts with a BOM for spreadsheet programs", () => {
    expect(toCsv(["类别", "次数"], [["村委会,印章", 3], ['say "hi"', 1]])).toBe('\uFEFF类别,次数\r\n"村委会,印章",3\r\n"say ""hi""",1\r\n');
  });
});
