// RFC 6962 Merkle inclusion proofs, checked on the supervisor's own device (docs/supervision.md §2).

async function sha256(parts: Uint8Array[]): Promise<Uint8Array> {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
}

/** LH(record) = SHA-256(0x00 || record). */
export function leafHash(record: Uint8Array): Promise<Uint8Array> {
  return sha256([new Uint8Array([0]), record]);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256([new Uint8Array([1]), left, right]);
}

/** The root an audit path (leaf to root) leads to for leaf `index` of a tree of `size` leaves (RFC 9162 §2.1.3.2). */
export async function rootFromInclusionProof(index: bigint, size: bigint, leaf: Uint8Array, path: Uint8Array[]): Promise<Uint8Array> {
  if (index >= size) {
    throw new Error(`index ${index} is not inside a tree of ${size} entries`);
  }
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) {
      throw new Error("the audit path is longer than the tree is deep");
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new Error("the audit path is shorter than the tree is deep");
  }
  return r;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * True when `proof` shows that the tree of `firstSize` entries with `firstRoot` is a prefix of the tree of
 * `secondSize` entries with `secondRoot` — the ledger only grew since the first head (RFC 9162 §2.1.4.2).
 */
export async function isConsistent(firstSize: bigint, secondSize: bigint, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: Uint8Array[]): Promise<boolean> {
  if (firstSize === 0n || firstSize > secondSize) {
    return false;
  }
  if (firstSize === secondSize) {
    return proof.length === 0 && sameBytes(firstRoot, secondRoot);
  }
  if (proof.length === 0) {
    return false;
  }
  // A first tree that is a complete subtree is the proof's implicit first node.
  const path = (firstSize & (firstSize - 1n)) === 0n ? [firstRoot, ...proof] : proof;
  let fn = firstSize - 1n;
  let sn = secondSize - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) {
      return false;
    }
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && sameBytes(fr, firstRoot) && sameBytes(sr, secondRoot);
}
