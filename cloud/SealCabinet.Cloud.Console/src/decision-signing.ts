// A decision signed with the approver's passkey (docs/supervision.md §11, docs/console.md "Signed decisions"). The
// service's approval statement is decoded to be shown, and before the passkey is asked the console checks that the
// challenge is the SHA-256 of exactly those bytes (signed-statement.ts) and that the statement says what the approver
// chose about the request on the screen: a passkey signs only what the page showed.
import { hex } from "./merkle";
import { checkFields, integer, parseRecord, StatementMismatch, text, type PasskeyMessages } from "./signed-statement";

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

/** Decodes the statement's canonical UTF-8 JSON; throws StatementMismatch when it is not an approval statement. */
export function parseStatement(bytes: Uint8Array): ApprovalStatement {
  const r = parseRecord(bytes, "approval.statement");
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
  checkFields([
    ["request_id", s.requestId, e.requestId],
    ["village_id", s.villageId, e.villageId],
    ["matter", s.matter, e.matter],
    ["seal_kind", s.sealKind, e.sealKind],
    ["copies", s.copies, e.copies],
    ["material_sha256", s.materialSha256.join(","), e.materialSha256.join(",")],
    ["decision", s.decision, e.approve ? "approve" : "reject"],
    ["reason", s.reason, e.reason],
    ["approver_id", s.approverId, e.approverId],
  ]);
}

/** A credential id as people can name it: its first four bytes in hex. */
export function shortCredentialId(bytes: Uint8Array): string {
  return hex(bytes.subarray(0, 4));
}

/** What a decision's passkey prompt that gives no signature tells the approver. */
export const decisionPasskeyMessages: PasskeyMessages = { cancelled: "sign.cancelled", failed: "sign.failed" };
