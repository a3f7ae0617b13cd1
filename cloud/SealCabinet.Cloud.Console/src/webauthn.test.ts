import { describe, expect, it } from "vitest";
import { creationOptions, fromBase64Url, requestOptions, toBase64Url } from "./webauthn";

describe("base64url", () => {
  it("round-trips every byte value without padding", () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it("decodes the RFC 4648 test vectors", () => {
    expect(new TextDecoder().decode(fromBase64Url("Zm9vYmE"))).toBe("fooba");
    expect(new TextDecoder().decode(fromBase64Url("Zm9vYmFy"))).toBe("foobar");
  });
});

describe("options", () => {
  it("turns creation options JSON into binary fields and drops unknown members", () => {
    const o = creationOptions(
      JSON.stringify({
        rp: { id: "localhost", name: "印章柜" },
        user: { id: toBase64Url(new TextEncoder().encode("li-mei")), name: "li-mei", displayName: "李梅" },
        challenge: "AAEC",
        pubKeyCredParams: [{ type: "public-key", alg: -7 }],
        excludeCredentials: [{ type: "public-key", id: "AQI" }],
        authenticatorSelection: { residentKey: "required", userVerification: "required" },
        attestation: "none",
        status: "ok",
      }),
    );
    expect(new TextDecoder().decode(o.user.id as Uint8Array)).toBe("li-mei");
    expect(o.challenge).toEqual(new Uint8Array([0, 1, 2]));
    expect(o.excludeCredentials![0].id).toEqual(new Uint8Array([1, 2]));
    expect("status" in o).toBe(false);
  });

  it("turns request options JSON into binary fields", () => {
    const o = requestOptions(JSON.stringify({ challenge: "_-8", rpId: "localhost", allowCredentials: [], userVerification: "required" }));
    expect(o.challenge).toEqual(new Uint8Array([0xff, 0xef]));
    expect(o.rpId).toBe("localhost");
  });
});
