// Organisation-account sign-in comes back to the console's root with the identity provider's answer in the query
// (RFC 6749 §4.1.2): code and state, or error and its description.

export type OidcReturn =
  | { kind: "code"; state: string; code: string }
  | { kind: "error"; error: string; description: string };

/** The identity provider's answer carried by the address, or undefined when the address carries none. */
export function oidcReturnOf(address: URL): OidcReturn | undefined {
  const query = address.searchParams;
  const error = query.get("error");
  if (error) {
    return { kind: "error", error, description: query.get("error_description") ?? "" };
  }
  const code = query.get("code");
  const state = query.get("state");
  return code && state ? { kind: "code", state, code } : undefined;
}

/** The address without the answer, so a reload or a shared link never carries a code. */
export function withoutOidcReturn(address: URL): string {
  const clean = new URL(address);
  for (const name of ["code", "state", "error", "error_description", "error_uri", "iss", "session_state"]) {
    clean.searchParams.delete(name);
  }
  return clean.pathname + clean.search + clean.hash;
}
