// An administrator's passkey endorses a person's newly registered passkey (docs/console.md "Endorsing passkeys"; the
// statement is CredentialEndorsements.Create's, cloud/SealCabinet.Ledger/Approvals). The administrator compares the
// fingerprint the People screen shows with the one on the person's own phone; before the administrator's passkey is
// asked, the console checks that the service's endorsement statement names exactly that person, passkey and
// fingerprint, with the signed-in administrator as endorser, and that the challenge is the statement's SHA-256: the
// administrator's passkey vouches only for the key they compared.
import { checkChallenge, checkFields, integer, parseRecord, statementDigest, text, type PasskeyMessages } from "./signed-statement";
import { toBase64 } from "./webauthn";

/** The fields of an endorsement statement (canonical record `credential.endorsement`). */
export interface EndorsementStatement {
  personId: string;
  /** Standard base64, as the ledger writes bytes. */
  credentialId: string;
  publicKeySha256: string;
  algorithm: number;
  endorserId: string;
  atMs: number;
}

/** What the page expects the statement to say: the passkey it lists and who is signed in. */
export interface ExpectedEndorsement {
  personId: string;
  credentialId: Uint8Array;
  /** The listed fingerprint: SHA-256 of the passkey's COSE public key, 64 lowercase hex digits. */
  fingerprint: string;
  endorserId: string;
}

/** Decodes the statement's canonical UTF-8 JSON; throws StatementMismatch when it is not an endorsement statement. */
export function parseEndorsement(bytes: Uint8Array): EndorsementStatement {
  const r = parseRecord(bytes, "credential.endorsement");
  return {
    personId: text(r, "person_id"),
    credentialId: text(r, "credential_id"),
    publicKeySha256: text(r, "public_key_sha256"),
    algorithm: integer(r, "algorithm"),
    endorserId: text(r, "endorser_id"),
    atMs: integer(r, "at_ms"),
  };
}

/** Throws StatementMismatch naming the first field where the statement does not say what the page expects. */
export function checkEndorsement(s: EndorsementStatement, e: ExpectedEndorsement): void {
  checkFields([
    ["person_id", s.personId, e.personId],
    ["credential_id", s.credentialId, toBase64(e.credentialId)],
    ["public_key_sha256", s.publicKeySha256, e.fingerprint],
    ["endorser_id", s.endorserId, e.endorserId],
  ]);
}

/**
 * The statement of BeginPasskeyEndorsement, refused (StatementMismatch) unless it says what the page expects and the
 * options' challenge is the SHA-256 of its bytes.
 */
export async function endorsementToSign(statement: Uint8Array<ArrayBuffer>, optionsJson: string, expected: ExpectedEndorsement): Promise<EndorsementStatement> {
  const parsed = parseEndorsement(statement);
  checkEndorsement(parsed, expected);
  checkChallenge(optionsJson, await statementDigest(statement));
  return parsed;
}

/** What an endorsement's passkey prompt that gives no signature tells the administrator. */
export const endorsementPasskeyMessages: PasskeyMessages = { cancelled: "endorse.cancelled", failed: "endorse.failed" };
