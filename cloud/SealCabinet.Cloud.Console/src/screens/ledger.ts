import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { audit } from "../api";
import type { SignedTreeHead } from "../gen/sealcabinet/v1/audit_pb";
import { t } from "../i18n/i18n";
import { hex, isConsistent, leafHash, rootFromInclusionProof, sameBytes } from "../merkle";
import { verifyTreeHead } from "../treehead";
import { Screen } from "../screen";

const savedKey = "sealcabinet.savedHeads";

interface SavedHead {
  size: string;
  root: string;
  savedAt: string;
}

interface Check {
  ok: boolean;
  text: string;
}

/**
 * Supervisor: the ledger's latest signed tree head, heads saved on this device, and an entry's inclusion proof
 * checked here — the hashing runs in this browser, so the service is not asked to vouch for itself.
 */
@customElement("sc-ledger")
export class Ledger extends Screen {
  @state() private head: SignedTreeHead | undefined;
  @state() private signed: boolean | undefined;
  @state() private saved: SavedHead[] = JSON.parse(localStorage.getItem(savedKey) ?? "[]");
  @state() private index = "0";
  @state() private check: Check | undefined;
  @state() private grown = new Map<string, Check>();

  protected override async refresh(): Promise<void> {
    await this.run(async () => {
      const head = (await audit.getTreeHead({})).treeHead;
      const key = await audit.getLedgerPublicKey({});
      this.signed = head ? await verifyTreeHead(key.publicKey, head.treeSize, BigInt(head.timestampMs), head.rootHash, head.signature) : undefined;
      this.head = head;
    });
  }

  /** Asks the service to sign a head over everything appended so far, instead of waiting for its next periodic one. */
  private async signNow(): Promise<void> {
    await this.run(async () => {
      await audit.signTreeHead({});
    });
    await this.refresh();
  }

  private save(): void {
    if (!this.head) {
      return;
    }
    this.saved = [{ size: this.head.treeSize.toString(), root: hex(this.head.rootHash), savedAt: new Date().toISOString() }, ...this.saved].slice(0, 50);
    localStorage.setItem(savedKey, JSON.stringify(this.saved));
  }

  private async verify(): Promise<void> {
    const head = this.head;
    if (!head) {
      return;
    }
    this.check = undefined;
    await this.run(async () => {
      const index = BigInt(this.index);
      const entry = (await audit.getEntries({ start: index, end: index + 1n })).entries[0];
      if (!entry) {
        this.check = { ok: false, text: t("ledger.noEntry", { index: this.index }) };
        return;
      }
      const leaf = await leafHash(entry.record);
      if (!sameBytes(leaf, entry.leafHash)) {
        this.check = { ok: false, text: t("ledger.recordChanged", { index: this.index }) };
        return;
      }
      const proof = await audit.getInclusionProof({ index, treeSize: head.treeSize });
      const root = await rootFromInclusionProof(index, head.treeSize, leaf, proof.auditPath);
      this.check = sameBytes(root, head.rootHash)
        ? { ok: true, text: t("ledger.included", { index: this.index, kind: entry.kind, size: head.treeSize.toString() }) }
        : { ok: false, text: t("ledger.notIncluded", { index: this.index }) };
    });
  }

  /** Checks that the ledger only grew since a saved head: its tree is a prefix of the current one. */
  private async checkSaved(saved: SavedHead): Promise<void> {
    const head = this.head;
    if (!head) {
      return;
    }
    await this.run(async () => {
      const first = BigInt(saved.size);
      const root = new Uint8Array(saved.root.match(/../g)!.map((b) => parseInt(b, 16)));
      const proof = first === head.treeSize ? [] : (await audit.getConsistencyProof({ firstSize: first, secondSize: head.treeSize })).proof;
      const ok = await isConsistent(first, head.treeSize, root, head.rootHash, proof);
      this.grown = new Map(this.grown).set(saved.savedAt, {
        ok,
        text: t(ok ? "ledger.consistent" : "ledger.inconsistent", { size: saved.size, current: head.treeSize.toString() }),
      });
    });
  }

  override render() {
    const head = this.head;
    return html`<section class="card">
      <h1>${t("ledger.title")}</h1>
      ${this.renderProblem()}
      ${head
        ? html`<dl class="facts" data-testid="tree-head">
              <dt>${t("ledger.size")}</dt><dd data-testid="tree-size">${head.treeSize.toString()}</dd>
              <dt>${t("ledger.root")}</dt><dd class="hash">${hex(head.rootHash)}</dd>
              <dt>${t("ledger.signed")}</dt><dd>${new Date(Number(head.timestampMs)).toLocaleString()}</dd>
            </dl>
            <p class=${this.signed ? "ok" : "error"} data-testid="head-signature" data-ok=${String(!!this.signed)}>
              ${t(this.signed ? "ledger.signatureOk" : "ledger.signatureBad")}
            </p>
            <div class="actions inline">
              <button data-testid="save-head" @click=${() => this.save()}>${t("ledger.save")}</button>
              <button data-testid="sign-head" ?disabled=${this.busy} @click=${() => this.signNow()}>${t("ledger.signNow")}</button>
            </div>`
        : nothing}
      <h2>${t("ledger.check")}</h2>
      <form class="filters" @submit=${(e: Event) => { e.preventDefault(); void this.verify(); }}>
        <label>${t("ledger.index")}<input type="number" min="0" data-testid="entry-index" .value=${this.index} @input=${(e: Event) => (this.index = (e.target as HTMLInputElement).value || "0")} /></label>
        <button type="submit" data-testid="verify-entry" ?disabled=${this.busy || !head}>${t("ledger.verify")}</button>
      </form>
      ${this.check ? html`<p class=${this.check.ok ? "ok" : "error"} role="status" data-testid="inclusion-result" data-ok=${String(this.check.ok)}>${this.check.text}</p>` : nothing}
      ${this.saved.length > 0
        ? html`<h2>${t("ledger.saved")}</h2>
            <ul class="rows">
              ${this.saved.map((s) => {
                const result = this.grown.get(s.savedAt);
                return html`<li data-testid="saved-head">
                  <span class="row-main">${s.size}</span> <span class="hash">${s.root}</span> <span class="row-sub">${s.savedAt}</span>
                  <button data-testid="check-saved" ?disabled=${this.busy || !head} @click=${() => this.checkSaved(s)}>${t("ledger.checkSaved")}</button>
                  ${result ? html`<p class=${result.ok ? "ok" : "error"} role="status" data-testid="consistency-result" data-ok=${String(result.ok)}>${result.text}</p>` : nothing}
                </li>`;
              })}
            </ul>`
        : nothing}
    </section>`;
  }
}
