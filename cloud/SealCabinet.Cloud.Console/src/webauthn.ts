// WebAuthn's JSON forms <-> the browser's binary objects. The service sends standard
// PublicKeyCredential{Creation,Request}OptionsJSON and expects Registration/AuthenticationResponseJSON.

/** Standard base64 with padding (RFC 4648 §4), as the ledger's canonical records write bytes. */
export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (const b of view) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

/** Unpadded base64url (RFC 4648 §5), as WebAuthn's JSON forms write bytes. */
export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

interface DescriptorJson {
  id: string;
  type: string;
  transports?: string[];
}

function descriptors(list: DescriptorJson[] | undefined): PublicKeyCredentialDescriptor[] {
  return (list ?? []).map((d) => ({ type: "public-key", id: fromBase64Url(d.id), transports: d.transports as AuthenticatorTransport[] | undefined }));
}

/** PublicKeyCredentialCreationOptionsJSON → what navigator.credentials.create takes (unknown members dropped). */
export function creationOptions(json: string): PublicKeyCredentialCreationOptions {
  const o = JSON.parse(json);
  return {
    rp: { id: o.rp.id, name: o.rp.name },
    user: { id: fromBase64Url(o.user.id), name: o.user.name, displayName: o.user.displayName },
    challenge: fromBase64Url(o.challenge),
    pubKeyCredParams: o.pubKeyCredParams.map((p: { type: string; alg: number }) => ({ type: "public-key", alg: p.alg })),
    timeout: o.timeout,
    excludeCredentials: descriptors(o.excludeCredentials),
    authenticatorSelection: o.authenticatorSelection,
    attestation: o.attestation ?? "none",
  };
}

/** PublicKeyCredentialRequestOptionsJSON → what navigator.credentials.get takes. */
export function requestOptions(json: string): PublicKeyCredentialRequestOptions {
  const o = JSON.parse(json);
  return {
    challenge: fromBase64Url(o.challenge),
    timeout: o.timeout,
    rpId: o.rpId,
    allowCredentials: descriptors(o.allowCredentials),
    userVerification: o.userVerification ?? "required",
  };
}

/** The members every PublicKeyCredential JSON form shares, around the response's own. */
function credentialJson(credential: PublicKeyCredential, response: Record<string, unknown>): string {
  return JSON.stringify({
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response,
  });
}

/** A new credential as RegistrationResponseJSON. */
export function registrationJson(credential: PublicKeyCredential): string {
  const response = credential.response as AuthenticatorAttestationResponse;
  return credentialJson(credential, {
    clientDataJSON: toBase64Url(response.clientDataJSON),
    attestationObject: toBase64Url(response.attestationObject),
    transports: typeof response.getTransports === "function" ? response.getTransports() : [],
  });
}

/** An assertion as AuthenticationResponseJSON. */
export function authenticationJson(credential: PublicKeyCredential): string {
  const response = credential.response as AuthenticatorAssertionResponse;
  return credentialJson(credential, {
    clientDataJSON: toBase64Url(response.clientDataJSON),
    authenticatorData: toBase64Url(response.authenticatorData),
    signature: toBase64Url(response.signature),
    userHandle: response.userHandle ? toBase64Url(response.userHandle) : undefined,
  });
}
