// What every statement a passkey signs in the console has in common (docs/supervision.md §11): the service sends a
// canonical UTF-8 JSON record and WebAuthn options whose challenge is the SHA-256 of exactly those bytes; the console
// decodes the record, checks it says what the page shows and that the challenge is its digest, and only then asks
// the passkey. Approval statements (decision-signing.ts) and passkey endorsements (passkey-endorsement.ts) build on it.
import type { Key } from "./i18n/strings";
import { hex } from "./merkle";
import { toBase64Url } from "./webauthn";

/** A statement that cannot be signed, with the field that is wrong. */
export class StatementMismatch extends Error {}

/** Decodes canonical UTF-8 JSON into its fields; throws StatementMismatch unless it is a record of `kind`. */
export function parseRecord(bytes: Uint8Array, kind: string): Record<string, unknown> {
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
  if (r.kind !== kind) {
    throw new StatementMismatch(`kind is not ${kind}`);
  }
  return r;
}

/** The record's text field `name`; throws StatementMismatch when it is missing or not text. */
export function text(o: Record<string, unknown>, name: string): string {
  const v = o[name];
  if (typeof v !== "string") {
    throw new StatementMismatch(`${name} is missing`);
  }
  return v;
}

/** The record's integer field `name`; throws StatementMismatch when it is missing or not an integer. */
export function integer(o: Record<string, unknown>, name: string): number {
  const v = o[name];
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    throw new StatementMismatch(`${name} is not an integer`);
  }
  return v;
}

/** Throws StatementMismatch naming the first field whose statement value (second) is not the page's (third). */
export function checkFields(pairs: [string, unknown, unknown][]): void {
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

/** The first 16 digits of a hex string in groups of four ("35ea 4473 a747 8449"): enough to compare by eye or read out. */
export function shortHex(digits: string): string {
  return (digits.slice(0, 16).match(/.{1,4}/g) ?? []).join(" ");
}

/** A digest as shortHex shows it. */
export function shortDigest(bytes: Uint8Array): string {
  return shortHex(hex(bytes.subarray(0, 8)));
}

/** What to tell the person when a passkey prompt gives no signature: one message for a cancelled prompt, one for a failure. */
export interface PasskeyMessages {
  cancelled: Key;
  failed: Key;
}

/** The message for a passkey prompt that did not give a signature (WebAuthn's DOMException names). */
export function passkeyFailureKey(error: unknown, messages: PasskeyMessages): Key {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  // NotAllowedError: the person cancelled, the prompt timed out, or this device holds none of the allowed passkeys —
  // the browser does not say which, on purpose (WebAuthn §14.5.2).
  return name === "NotAllowedError" || name === "AbortError" ? messages.cancelled : messages.failed;
}
