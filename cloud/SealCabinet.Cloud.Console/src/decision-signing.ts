// A decision signed with the approver's passkey (docs/supervision.md §11, docs/console.md "Signed decisions"). The
// service's approval statement is decoded to be shown, and before the passkey is asked the console checks that the
// challenge is the SHA-256 of exactly those bytes and that the statement says what the approver chose about the
// request on the screen: a passkey signs only what the page showed.
import type { Key } from "./i18n/strings";
import { hex } from "./merkle";
import { toBase64Url } from "./webauthn";

/** The fields of an approval statement (canonical record `approval.statement`). */
export interface ApprovalStatement {
  requestId: string;
  villageId: string;
  matter: string;
  sealKind: string;
  copies: number;
  materialSha256: string[];
  decision: "approve" | "reject";
  reason: string;
  approverId: string;
  atMs: number;
}

/** What the page expects the statement to say: the request it shows and what was tapped. */
export interface ExpectedDecision {
  requestId: string;
  villageId: string;
  matter: string;
  sealKind: string;
  copies: number;
  materialSha256: string[];
  approve: boolean;
  reason: string;
  approverId: string;
}

/** A statement that cannot be signed, with the field that is wrong. */
export class StatementMismatch extends Error {}

function text(o: Record<string, unknown>, name: string): string {
  const v = o[name];
  if (typeof v !== "string") {
    throw new StatementMismatch(`${name} is missing`);
  }
  return v;
}

function integer(o: Record<string, unknown>, name: string): number {
  const v = o[name];
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    throw new StatementMismatch(`${name} is not an integer`);
  }
  return v;
}

/** Decodes the statement's canonical UTF-8 JSON; throws StatementMismatch when it is not an approval statement. */
export function parseStatement(bytes: Uint8Array): ApprovalStatement {
  let o: unknown;
  try {
    o = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new StatementMismatch("not UTF-8 JSON");
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) {
    throw new StatementMismatch("not a JSON object");
  }
  const r = o as Record<string, unknown>;
  if (r.kind !== "approval.statement") {
    throw new StatementMismatch("kind is not approval.statement");
  }
  const decision = text(r, "decision");
  if (decision !== "approve" && decision !== "reject") {
    throw new StatementMismatch(`decision is ${decision}`);
  }
  const materials = r.material_sha256;
  if (!Array.isArray(materials) || materials.some((m) => typeof m !== "string")) {
    throw new StatementMismatch("material_sha256 is not a list of digests");
  }
  return {
    requestId: text(r, "request_id"),
    villageId: text(r, "village_id"),
    matter: text(r, "matter"),
    sealKind: text(r, "seal_kind"),
    copies: integer(r, "copies"),
    materialSha256: materials as string[],
    decision,
    reason: text(r, "reason"),
    approverId: text(r, "approver_id"),
    atMs: integer(r, "at_ms"),
  };
}

/** Throws StatementMismatch naming the first field where the statement does not say what the page expects. */
export function checkStatement(s: ApprovalStatement, e: ExpectedDecision): void {
  const pairs: [string, unknown, unknown][] = [
    ["request_id", s.requestId, e.requestId],
    ["village_id", s.villageId, e.villageId],
    ["matter", s.matter, e.matter],
    ["seal_kind", s.sealKind, e.sealKind],
    ["copies", s.copies, e.copies],
    ["material_sha256", s.materialSha256.join(","), e.materialSha256.join(",")],
    ["decision", s.decision, e.approve ? "approve" : "reject"],
    ["reason", s.reason, e.reason],
    ["approver_id", s.approverId, e.approverId],
  ];
  for (const [name, got, want] of pairs) {
    if (got !== want) {
      throw new StatementMismatch(`${name}: the statement says “${String(got)}”, the page “${String(want)}”`);
    }
  }
}

/** SHA-256 of the statement bytes: what the passkey's challenge must be. */
export async function statementDigest(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** Throws StatementMismatch unless the options' challenge is the unpadded base64url of `digest`. */
export function checkChallenge(optionsJson: string, digest: Uint8Array): void {
  const challenge = (JSON.parse(optionsJson) as { challenge?: unknown }).challenge;
  if (challenge !== toBase64Url(digest)) {
    throw new StatementMismatch("challenge is not the SHA-256 of the statement");
  }
}

/** The first 16 hex digits of a digest in groups of four ("35ea 4473 a747 8449"): enough to compare by eye. */
export function shortDigest(bytes: Uint8Array): string {
  return (hex(bytes.subarray(0, 8)).match(/.{4}/g) ?? []).join(" ");
}

/** A credential id as people can name it: its first four bytes in hex. */
export function shortCredentialId(bytes: Uint8Array): string {
  return hex(bytes.subarray(0, 4));
}

/** The message for a passkey prompt that did not give a signature (WebAuthn's DOMException names). */
export function passkeyFailureKey(error: unknown): Key {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  // NotAllowedError: the person cancelled, the prompt timed out, or this device holds none of the allowed passkeys —
  // the browser does not say which, on purpose (WebAuthn §14.5.2).
  return name === "NotAllowedError" || name === "AbortError" ? "sign.cancelled" : "sign.failed";
}
