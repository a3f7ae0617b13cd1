// The ledger's signed tree heads, checked on the supervisor's device (docs/supervision.md §4): the service's word
// about its own ledger is only as good as the signature under the ledger key.

/** The 67-byte signing input: "sealcabinet-sth-v1\n" || size (u64 BE) || time in ms (u64 BE) || root. */
export function treeHeadSigningInput(treeSize: bigint, timestampMs: bigint, root: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(67);
  out.set(new TextEncoder().encode("sealcabinet-sth-v1\n"), 0);
  const view = new DataView(out.buffer);
  view.setBigUint64(19, treeSize);
  view.setBigUint64(27, timestampMs);
  out.set(root, 35);
  return out;
}

/** A DER ECDSA-Sig-Value (RFC 3279) as the 64-byte r||s WebCrypto verifies; undefined when malformed. */
export function derSignatureToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  let pos = 0;
  const next = () => (pos < der.length ? der[pos++] : -1);
  // A P-256 signature is at most 72 bytes: short-form lengths only.
  const integer = () => {
    if (next() !== 0x02) {
      return undefined;
    }
    const length = next();
    if (length <= 0 || length > 0x7f || pos + length > der.length) {
      return undefined;
    }
    let value = der.subarray(pos, pos + length);
    pos += length;
    while (value.length > 1 && value[0] === 0) {
      value = value.subarray(1);
    }
    return value.length <= 32 ? value : undefined;
  };
  if (next() !== 0x30 || next() !== der.length - 2) {
    return undefined;
  }
  const r = integer();
  const s = integer();
  if (!r || !s || pos !== der.length) {
    return undefined;
  }
  const raw = new Uint8Array(64);
  raw.set(r, 32 - r.length);
  raw.set(s, 64 - s.length);
  return raw;
}

/** True when the signature is the ledger key's over this head; false for anything malformed. */
export async function verifyTreeHead(publicKeySpki: Uint8Array, treeSize: bigint, timestampMs: bigint, root: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const raw = derSignatureToRaw(signature);
  if (!raw || root.length !== 32) {
    return false;
  }
  try {
    const key = await crypto.subtle.importKey("spki", publicKeySpki.slice(), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, raw, treeHeadSigningInput(treeSize, timestampMs, root));
  } catch {
    return false;
  }
}
