import { describe, expect, it } from "vitest";
import { checkStatement, decisionPasskeyMessages, parseStatement, shortCredentialId, type ExpectedDecision } from "./decision-signing";
import { hex } from "./merkle";
import { checkChallenge, passkeyFailureKey, shortDigest, statementDigest, StatementMismatch } from "./signed-statement";

// The worked example of docs/supervision.md §11.6, byte for byte.
const workedExample =
  '{"approver_id":"u-approver-7","at_ms":1764000000000,"copies":2,"decision":"approve","kind":"approval.statement",' +
  '"material_sha256":["7256e89c2fd7352d9422bcc4b87368f800a292e45afaed8908500de51bc26406","62168cff8196f6b679dba235f5d6f353981fe0162a972081e76568ba92875b74"],' +
  '"matter":"劳务用工合同","nonce":"AAECAwQFBgcICQoLDA0ODw==","reason":"","request_id":"r-2025-0042","seal_kind":"committee","village_id":"v-dongshan"}';
const bytes = new TextEncoder().encode(workedExample);

const expected: ExpectedDecision = {
  requestId: "r-2025-0042",
  villageId: "v-dongshan",
  matter: "劳务用工合同",
  sealKind: "committee",
  copies: 2,
  materialSha256: [
    "7256e89c2fd7352d9422bcc4b87368f800a292e45afaed8908500de51bc26406",
    "62168cff8196f6b679dba235f5d6f353981fe0162a972081e76568ba92875b74",
  ],
  approve: true,
  reason: "",
  approverId: "u-approver-7",
};

describe("approval statement", () => {
  it("decodes the worked example's statement", () => {
    const s = parseStatement(bytes);
    expect(s).toMatchObject({ requestId: "r-2025-0042", matter: "劳务用工合同", sealKind: "committee", copies: 2, decision: "approve", reason: "", atMs: 1764000000000 });
    expect(s.materialSha256).toHaveLength(2);
  });

  it("digests to the worked example's challenge, and the challenge check accepts exactly that", async () => {
    const digest = await statementDigest(bytes);
    expect(hex(digest)).toBe("35ea4473a7478449fcea5e2e999e99abfb7a4e100e8fc7ace2e5f041a313cc65");
    expect(shortDigest(digest)).toBe("35ea 4473 a747 8449");
    expect(() => checkChallenge(JSON.stringify({ challenge: "NepEc6dHhEn86l4umZ6Zq_t6ThAOj8es4uXwQaMTzGU" }), digest)).not.toThrow();
    expect(() => checkChallenge(JSON.stringify({ challenge: "NepEc6dHhEn86l4umZ6Zq_t6ThAOj8es4uXwQaMTzGV" }), digest)).toThrow(StatementMismatch);
    expect(() => checkChallenge(JSON.stringify({}), digest)).toThrow(/challenge/);
  });

  it("accepts a statement that says what the page shows and names the first field that differs", () => {
    const s = parseStatement(bytes);
    expect(() => checkStatement(s, expected)).not.toThrow();
    expect(() => checkStatement(s, { ...expected, approve: false })).toThrow(/^decision/);
    expect(() => checkStatement(s, { ...expected, reason: "同意" })).toThrow(/^reason/);
    expect(() => checkStatement(s, { ...expected, copies: 3 })).toThrow(/^copies/);
    expect(() => checkStatement(s, { ...expected, materialSha256: [expected.materialSha256[1], expected.materialSha256[0]] })).toThrow(/^material_sha256/);
    expect(() => checkStatement(s, { ...expected, requestId: "r-2025-0043" })).toThrow(/^request_id/);
    expect(() => checkStatement(s, { ...expected, approverId: "someone-else" })).toThrow(/^approver_id/);
  });

  it("refuses what is not an approval statement", () => {
    const encode = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    const good = JSON.parse(workedExample);
    expect(() => parseStatement(new Uint8Array([0xff, 0xfe]))).toThrow(StatementMismatch);
    expect(() => parseStatement(encode([1]))).toThrow(/object/);
    expect(() => parseStatement(encode({ ...good, kind: "request.approved" }))).toThrow(/kind/);
    expect(() => parseStatement(encode({ ...good, decision: "maybe" }))).toThrow(/decision/);
    expect(() => parseStatement(encode({ ...good, copies: "2" }))).toThrow(/copies/);
    expect(() => parseStatement(encode({ ...good, material_sha256: [1] }))).toThrow(/material_sha256/);
  });
});

describe("passkey prompt failures", () => {
  it("calls a cancelled, timed-out or credential-less prompt cancelled, and anything else a failure", () => {
    const key = (error: unknown) => passkeyFailureKey(error, decisionPasskeyMessages);
    expect(key(new DOMException("The operation either timed out or was not allowed.", "NotAllowedError"))).toBe("sign.cancelled");
    expect(key(new DOMException("aborted", "AbortError"))).toBe("sign.cancelled");
    expect(key(new DOMException("bad rp id", "SecurityError"))).toBe("sign.failed");
    expect(key("nonsense")).toBe("sign.failed");
  });

  it("names a credential by its first four bytes", () => {
    expect(shortCredentialId(new Uint8Array([0x10, 0x11, 0x12, 0x13, 0x14]))).toBe("10111213");
  });
});
