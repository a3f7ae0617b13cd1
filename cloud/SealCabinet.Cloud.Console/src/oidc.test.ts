import { describe, expect, it } from "vitest";
import { oidcReturnOf, withoutOidcReturn } from "./oidc";

describe("the identity provider's answer", () => {
  it("is a code with its state", () => {
    expect(oidcReturnOf(new URL("https://seals.example/?code=abc&state=xyz&iss=https%3A%2F%2Fidp#/sign-in"))).toEqual({
      kind: "code",
      state: "xyz",
      code: "abc",
    });
  });

  it("is an error with its description, even next to a code", () => {
    expect(oidcReturnOf(new URL("https://seals.example/?error=access_denied&error_description=no&code=abc&state=x"))).toEqual({
      kind: "error",
      error: "access_denied",
      description: "no",
    });
  });

  it("is nothing without both code and state", () => {
    expect(oidcReturnOf(new URL("https://seals.example/?code=abc#/sign-in"))).toBeUndefined();
    expect(oidcReturnOf(new URL("https://seals.example/#/inbox"))).toBeUndefined();
  });

  it("is removed from the address, keeping everything else", () => {
    expect(withoutOidcReturn(new URL("https://seals.example/?lang=en&code=abc&state=xyz&iss=i#/sign-in"))).toBe("/?lang=en#/sign-in");
  });
});
