import { describe, expect, it } from "vitest";
import { checkEndorsement, endorsementPasskeyMessages, endorsementToSign, parseEndorsement, type ExpectedEndorsement } from "./passkey-endorsement";
import { hex } from "./merkle";
import { passkeyFailureKey, shortHex, StatementMismatch } from "./signed-statement";

// The passkey of docs/supervision.md §11.6's worked example: credential id 10 11 … 1f and its 77-byte COSE key.
const credentialId = new Uint8Array(16).map((_, i) => 0x10 + i);
const coseKey = Uint8Array.from(
  ("a5010203262001215820" + "a51c65a5133a8988cfe0a2e135b7953c6e3072681ddbaf0db4a3d0270b7f26fa" +
    "225820" + "c8ee351691765d7712634f8953a33d3f424a216b507a85feff60228b04a035d3").match(/../g)!.map((b) => parseInt(b, 16)),
);
const fingerprint = "1ae2ab03d1b1eee58c0402763baa22c307113c3d280973af41cd263626ed6d3c";

// Canonical JSON as the service writes it (members sorted, no whitespace): u-admin endorses u-approver-7's passkey.
const statementText =
  '{"algorithm":-7,"at_ms":1764000000000,"credential_id":"EBESExQVFhcYGRobHB0eHw==","endorser_id":"u-admin",' +
  '"kind":"credential.endorsement","nonce":"AAECAwQFBgcICQoLDA0ODw==","person_id":"u-approver-7",' +
  `"public_key_sha256":"${fingerprint}"}`;
const statement = new TextEncoder().encode(statementText);
const challenge = "VaucgQrimDNoxvW5WrxgKpM7jAIcvA-GOJzHHCcESSc";

const expected: ExpectedEndorsement = { personId: "u-approver-7", credentialId, fingerprint, endorserId: "u-admin" };

describe("endorsement statement", () => {
  it("names the passkey by the SHA-256 of its COSE key", async () => {
    expect(hex(new Uint8Array(await crypto.subtle.digest("SHA-256", coseKey)))).toBe(fingerprint);
  });

  it("decodes the statement's fields", () => {
    expect(parseEndorsement(statement)).toEqual({
      personId: "u-approver-7",
      credentialId: "EBESExQVFhcYGRobHB0eHw==",
      publicKeySha256: fingerprint,
      algorithm: -7,
      endorserId: "u-admin",
      atMs: 1764000000000,
    });
  });

  it("accepts a statement that says what the page shows and names the first field that differs", () => {
    const s = parseEndorsement(statement);
    expect(() => checkEndorsement(s, expected)).not.toThrow();
    expect(() => checkEndorsement(s, { ...expected, personId: "u-approver-8" })).toThrow(/^person_id/);
    expect(() => checkEndorsement(s, { ...expected, credentialId: credentialId.slice(1) })).toThrow(/^credential_id/);
    expect(() => checkEndorsement(s, { ...expected, fingerprint: fingerprint.replace(/^1a/, "1b") })).toThrow(/^public_key_sha256/);
    expect(() => checkEndorsement(s, { ...expected, endorserId: "zhou-v-dongshan" })).toThrow(/^endorser_id/);
  });

  it("compares the statement's standard base64 with the listed credential id's bytes, padding and all", () => {
    const odd = new Uint8Array([0xfb, 0xff]);
    const s = { ...parseEndorsement(statement), credentialId: "+/8=" };
    expect(() => checkEndorsement(s, { ...expected, credentialId: odd })).not.toThrow();
    expect(() => checkEndorsement({ ...s, credentialId: "-_8" }, { ...expected, credentialId: odd })).toThrow(/^credential_id/);
  });

  it("refuses what is not an endorsement statement", () => {
    const encode = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    const good = JSON.parse(statementText);
    expect(() => parseEndorsement(new Uint8Array([0xff, 0xfe]))).toThrow(StatementMismatch);
    expect(() => parseEndorsement(encode({ ...good, kind: "approval.statement" }))).toThrow(/kind is not credential\.endorsement/);
    expect(() => parseEndorsement(encode({ ...good, person_id: 7 }))).toThrow(/person_id/);
    expect(() => parseEndorsement(encode({ ...good, algorithm: "-7" }))).toThrow(/algorithm/);
  });

  it("is signed only when the challenge is the SHA-256 of exactly its bytes", async () => {
    const options = (c: string) => JSON.stringify({ challenge: c, rpId: "localhost" });
    await expect(endorsementToSign(statement, options(challenge), expected)).resolves.toMatchObject({ personId: "u-approver-7" });
    await expect(endorsementToSign(statement, options(challenge.replace(/c$/, "d")), expected)).rejects.toThrow(/challenge/);
    await expect(endorsementToSign(statement, options(challenge), { ...expected, endorserId: "someone-else" })).rejects.toThrow(/^endorser_id/);
  });
});

describe("fingerprint", () => {
  it("shows the first 16 hex digits in groups of four", () => {
    expect(shortHex(fingerprint)).toBe("1ae2 ab03 d1b1 eee5");
    expect(shortHex("abcdef")).toBe("abcd ef");
  });
});

describe("endorsement prompt failures", () => {
  it("says nothing was endorsed, not that nothing was decided", () => {
    expect(passkeyFailureKey(new DOMException("not allowed", "NotAllowedError"), endorsementPasskeyMessages)).toBe("endorse.cancelled");
    expect(passkeyFailureKey(new DOMException("bad rp id", "SecurityError"), endorsementPasskeyMessages)).toBe("endorse.failed");
  });
});
