import { describe, expect, it } from "vitest";
import { hex } from "./merkle";
import { derSignatureToRaw, treeHeadSigningInput, verifyTreeHead } from "./treehead";

function fromHex(text: string): Uint8Array {
  return new Uint8Array(text.match(/../g)!.map((b) => parseInt(b, 16)));
}

/** r||s → DER, as the service's .NET signer writes it. */
function toDer(raw: Uint8Array): Uint8Array {
  const integer = (v: Uint8Array) => {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    const body = v[i] & 0x80 ? [0, ...v.subarray(i)] : [...v.subarray(i)];
    return [0x02, body.length, ...body];
  };
  const content = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return new Uint8Array([0x30, content.length, ...content]);
}

describe("tree heads", () => {
  it("builds the documented signing input", () => {
    const root = fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    expect(hex(treeHeadSigningInput(8n, 1764000000000n, root))).toBe(
      "7365616c636162696e65742d7374682d76310a" + "0000000000000008" + "0000019ab697e800" + hex(root),
    );
  });

  it("accepts the key's signature and refuses it over another head, another key or mangled bytes", async () => {
    const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const other = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
    const otherSpki = new Uint8Array(await crypto.subtle.exportKey("spki", other.publicKey));
    const root = new Uint8Array(32).fill(7);
    const raw = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, treeHeadSigningInput(5n, 1000n, root)));
    const der = toDer(raw);

    expect(derSignatureToRaw(der)).toEqual(raw);
    expect(await verifyTreeHead(spki, 5n, 1000n, root, der)).toBe(true);
    expect(await verifyTreeHead(spki, 6n, 1000n, root, der)).toBe(false);
    expect(await verifyTreeHead(otherSpki, 5n, 1000n, root, der)).toBe(false);
    expect(await verifyTreeHead(spki, 5n, 1000n, root, der.subarray(1))).toBe(false);
  });
});
