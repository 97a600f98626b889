import { describe, expect, it } from "vitest";
import { POOL_NAME_MAX, poolNameProblem, sameIisName, siteNameProblem, targetsProblem } from "../src/index.js";

describe("IIS pool and site names", () => {
  it("accepts the names IIS ships and operators use", () => {
    for (const name of ["DefaultAppPool", ".NET v4.5 Classic", "Shop Pool (x64)", "ShopPool-2", "Ünïcode Pool", "a".repeat(POOL_NAME_MAX)]) {
      expect(poolNameProblem(name), name).toBeUndefined();
    }
    for (const name of ["Default Web Site", "shop.example.com", "Shop & Co; [eu]", "Site #2"]) {
      expect(siteNameProblem(name), name).toBeUndefined();
    }
  });

  it("refuses every character IIS refuses in a pool name, naming it", () => {
    for (const c of "\\/\"|<>:*?][+=;,@&") {
      expect(poolNameProblem(`Shop${c}Pool`)).toContain(`contains "${c}"`);
    }
    expect(poolNameProblem("")).toMatch(/empty/);
    expect(poolNameProblem(" Shop")).toMatch(/white space/);
    expect(poolNameProblem("a".repeat(POOL_NAME_MAX + 1))).toMatch(/at most 64/);
    expect(poolNameProblem("Shop\u001b[2JPool")).toMatch(/control character/);
    expect(poolNameProblem("Shop\nPool")).toMatch(/control character/);
  });

  it("refuses path and query characters in a site name", () => {
    for (const c of "\\/?") expect(siteNameProblem(`Shop${c}Site`)).toContain(`contains "${c}"`);
    expect(siteNameProblem("Shop\u0000")).toMatch(/control character/);
  });

  it("compares names without case, as IIS does", () => {
    expect(sameIisName("ShopPool", "SHOPPOOL")).toBe(true);
    expect(sameIisName("ShopPool", "ShopPool2")).toBe(false);
  });

  it("ties pools to recycle and sites to the site level", () => {
    expect(targetsProblem("recycle", ["ShopPool"], [])).toBeUndefined();
    expect(targetsProblem("site", [], ["Shop"])).toBeUndefined();
    expect(targetsProblem("recycle", [], [])).toBeUndefined();
    expect(targetsProblem("iis", ["ShopPool"], [])).toEqual({ field: "pools", sentence: "naming application pools goes only with level recycle, not iis" });
    expect(targetsProblem("recycle", [], ["Shop"])?.field).toBe("sites");
    expect(targetsProblem("site", [], [])).toEqual({ field: "sites", sentence: "level site needs at least one site name" });
    expect(targetsProblem("recycle", ["ShopPool", "shoppool"], [])).toEqual({ field: "pools", sentence: '"shoppool" is named twice' });
    expect(targetsProblem("recycle", ["Shop:Pool"], [])?.sentence).toMatch(/contains ":"/);
    expect(targetsProblem("recycle", Array.from({ length: 65 }, (_, i) => `P${i}`), [])?.sentence).toMatch(/at most 64/);
  });
});
