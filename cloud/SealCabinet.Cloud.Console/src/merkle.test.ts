import { describe, expect, it } from "vitest";
import { hex, isConsistent, leafHash, rootFromInclusionProof } from "./merkle";

const te = new TextEncoder();

async function h(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
}

// The RFC 6962 definitions, written plainly (recursive MTH and PATH), to check the iterative verifier against.
async function mth(leaves: Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 1) {
    return leafHash(leaves[0]);
  }
  const k = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return h(new Uint8Array([1]), await mth(leaves.slice(0, k)), await mth(leaves.slice(k)));
}

async function path(m: number, leaves: Uint8Array[]): Promise<Uint8Array[]> {
  if (leaves.length === 1) {
    return [];
  }
  const k = 2 ** Math.floor(Math.log2(leaves.length - 1));
  return m < k
    ? [...(await path(m, leaves.slice(0, k))), await mth(leaves.slice(k))]
    : [...(await path(m - k, leaves.slice(k))), await mth(leaves.slice(0, k))];
}

// RFC 6962 §2.1.2 SUBPROOF, plainly.
async function subproof(m: number, leaves: Uint8Array[], complete: boolean): Promise<Uint8Array[]> {
  const n = leaves.length;
  if (m === n) {
    return complete ? [] : [await mth(leaves)];
  }
  const k = 2 ** Math.floor(Math.log2(n - 1));
  return m <= k
    ? [...(await subproof(m, leaves.slice(0, k), complete)), await mth(leaves.slice(k))]
    : [...(await subproof(m - k, leaves.slice(k), false)), await mth(leaves.slice(0, k))];
}

describe("Merkle consistency", () => {
  it("proves every earlier tree of trees of 2 to 9 leaves a prefix", async () => {
    for (let size = 2; size <= 9; size++) {
      const leaves = Array.from({ length: size }, (_, i) => te.encode(`entry ${i}`));
      const root = await mth(leaves);
      for (let m = 1; m <= size; m++) {
        const proof = m === size ? [] : await subproof(m, leaves, true);
        expect(await isConsistent(BigInt(m), BigInt(size), await mth(leaves.slice(0, m)), root, proof), `${m} of ${size}`).toBe(true);
      }
    }
  });

  it("refuses a rewritten history", async () => {
    const leaves = Array.from({ length: 7 }, (_, i) => te.encode(`entry ${i}`));
    const rewritten = [...leaves.slice(0, 2), te.encode("changed"), ...leaves.slice(3)];
    const proof = await subproof(3, rewritten, true);
    expect(await isConsistent(3n, 7n, await mth(leaves.slice(0, 3)), await mth(rewritten), proof)).toBe(false);
  });
});

describe("Merkle inclusion", () => {
  it("hashes the ledger's documented record to its documented leaf", async () => {
    const record = te.encode('{"approver_id":"u-2","at_ms":1764000000000,"kind":"request.approved","request_id":"r-1"}');
    expect(hex(await leafHash(record))).toBe("5b3bf053d2ba52425769e4a8fb9268bbea3eb170185d66b63f6be3be7c39bbf1");
  });

  it("leads every leaf of trees of 1 to 9 leaves to the root", async () => {
    for (let size = 1; size <= 9; size++) {
      const leaves = Array.from({ length: size }, (_, i) => te.encode(`entry ${i}`));
      const root = await mth(leaves);
      for (let m = 0; m < size; m++) {
        const got = await rootFromInclusionProof(BigInt(m), BigInt(size), await leafHash(leaves[m]), await path(m, leaves));
        expect(hex(got), `leaf ${m} of ${size}`).toBe(hex(root));
      }
    }
  });

  it("does not lead a changed leaf or a wrong index to the root", async () => {
    const leaves = Array.from({ length: 7 }, (_, i) => te.encode(`entry ${i}`));
    const root = hex(await mth(leaves));
    const proof = await path(3, leaves);
    expect(hex(await rootFromInclusionProof(3n, 7n, await leafHash(te.encode("forged")), proof))).not.toBe(root);
    expect(hex(await rootFromInclusionProof(2n, 7n, await leafHash(leaves[3]), proof))).not.toBe(root);
    await expect(rootFromInclusionProof(3n, 7n, await leafHash(leaves[3]), proof.slice(1))).rejects.toThrow();
  });

  it("matches the empty-leaf vector of RFC 6962 test data", async () => {
    expect(hex(await leafHash(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  });
});
