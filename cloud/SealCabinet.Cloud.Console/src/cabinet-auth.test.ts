import { describe, expect, it } from "vitest";
import { CabinetAuthPolicy } from "./gen/sealcabinet/v1/common_pb";
import { cardUidDigits, cardUidProblem, effectivePolicy, pinProblem, policyKey, rosterState } from "./cabinet-auth";

describe("cabinet PIN", () => {
  it("accepts 4 to 8 digits typed twice alike and leaves the weak-PIN rules to the service", () => {
    expect(pinProblem("2580", "2580")).toBeUndefined();
    expect(pinProblem("25801397", "25801397")).toBeUndefined();
    // Repeated digits and runs are the service's to refuse, with its own words.
    expect(pinProblem("1234", "1234")).toBeUndefined();
  });

  it("names a PIN that is not 4 to 8 digits before a mismatch", () => {
    expect(pinProblem("258", "258")).toBe("pin.format");
    expect(pinProblem("258013970", "258013970")).toBe("pin.format");
    expect(pinProblem("25a0", "25a0")).toBe("pin.format");
    expect(pinProblem(" 2580", " 2580")).toBe("pin.format");
    expect(pinProblem("２５８０", "２５８０")).toBe("pin.format");
    expect(pinProblem("", "")).toBe("pin.format");
    expect(pinProblem("25", "2580")).toBe("pin.format");
  });

  it("names a confirmation that differs", () => {
    expect(pinProblem("2580", "2581")).toBe("pin.mismatch");
    expect(pinProblem("2580", "")).toBe("pin.mismatch");
  });
});

describe("access card UID", () => {
  it("ignores spaces, colons and dashes between bytes and upper-cases", () => {
    expect(cardUidDigits(" 04:a2:3b 1c-5d:80:00 ")).toBe("04A23B1C5D8000");
  });

  it("accepts 4, 7 and 10 byte UIDs", () => {
    expect(cardUidProblem("04A23B1C")).toBeUndefined();
    expect(cardUidProblem("04:A2:3B:1C:5D:80:00")).toBeUndefined();
    expect(cardUidProblem("04 a2 3b 1c 5d 80 00 11 22 33")).toBeUndefined();
  });

  it("names an empty, non-hex or wrong-length UID", () => {
    expect(cardUidProblem("  : ")).toBe("card.empty");
    expect(cardUidProblem("04A23B1G")).toBe("card.hex");
    expect(cardUidProblem("04A23B")).toBe("card.length");
    expect(cardUidProblem("04A23B1C5D")).toBe("card.length");
  });
});

describe("cabinet authentication policy", () => {
  it("treats an unset policy as the PIN", () => {
    expect(effectivePolicy(CabinetAuthPolicy.UNSPECIFIED)).toBe(CabinetAuthPolicy.PIN);
    expect(policyKey(CabinetAuthPolicy.UNSPECIFIED)).toBe("policy.pin");
    expect(policyKey(CabinetAuthPolicy.PIN_AND_CARD)).toBe("policy.pinAndCard");
  });
});

describe("roster delivery", () => {
  it("says a cabinet lags while the version it reported is older than its village's", () => {
    expect(rosterState(3n, 3n)).toBe("current");
    expect(rosterState(2n, 3n)).toBe("behind");
    expect(rosterState(0n, 1n)).toBe("behind");
    expect(rosterState(2n, undefined)).toBe("unknown");
  });
});
