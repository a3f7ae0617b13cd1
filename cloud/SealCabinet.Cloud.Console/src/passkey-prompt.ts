// The browser's passkey prompt over a statement's challenge, for every statement the console signs.
import { ProblemError } from "./api";
import { passkeyFailureKey, type PasskeyMessages } from "./signed-statement";
import { requestOptions } from "./webauthn";

/** The passkey's assertion over the options' challenge; a prompt that gives none becomes the person's message. */
export async function passkeySignature(optionsJson: string, messages: PasskeyMessages): Promise<PublicKeyCredential> {
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({ publicKey: requestOptions(optionsJson) });
  } catch (error) {
    const key = passkeyFailureKey(error, messages);
    const detail = key === messages.failed && error instanceof Error ? `${error.name}: ${error.message}` : "";
    throw new ProblemError({ key, detail, code: undefined });
  }
  if (!credential) {
    throw new ProblemError({ key: messages.cancelled, detail: "", code: undefined });
  }
  return credential as PublicKeyCredential;
}
