import { html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { Code, ConnectError } from "@connectrpc/connect";
import { matterNamesByCode, organization, ProblemError, requests } from "../api";
import { checkStatement, decisionPasskeyMessages, parseStatement, shortCredentialId, type ApprovalStatement } from "../decision-signing";
import { Role, SealKind } from "../gen/sealcabinet/v1/common_pb";
import type { Notification } from "../gen/sealcabinet/v1/notifications_pb";
import { DecisionKind, EvidencePhotoKind, RequestState, type BeginDecisionSignatureResponse, type SealRequest } from "../gen/sealcabinet/v1/requests_pb";
import { blobUrl, kilobytes, saveFile, sealKindKey, stateKey, stateName, time } from "../format";
import { t } from "../i18n/i18n";
import type { Key } from "../i18n/strings";
import { hex } from "../merkle";
import { passkeySignature } from "../passkey-prompt";
import { Screen } from "../screen";
import { checkChallenge, shortDigest, statementDigest, StatementMismatch } from "../signed-statement";
import { authenticationJson } from "../webauthn";

const cancellable = new Set([RequestState.SUBMITTED, RequestState.APPROVED, RequestState.GRANT_DELIVERED]);
const photoKeys: Record<EvidencePhotoKind, Key> = {
  [EvidencePhotoKind.UNSPECIFIED]: "evidence.photo",
  [EvidencePhotoKind.PERSON]: "evidence.person",
  [EvidencePhotoKind.DOCUMENT_BEFORE]: "evidence.before",
  [EvidencePhotoKind.DOCUMENT_AFTER]: "evidence.after",
};

const signingKeys: Record<Signing["phase"], Key> = { waiting: "sign.waiting", sending: "sign.sending", done: "sign.done" };

/** A decision being signed: the statement the passkey is asked to sign, as the page shows it. */
interface Signing {
  requestId: string;
  statement: ApprovalStatement;
  digest: Uint8Array;
  phase: "waiting" | "sending" | "done";
}

/**
 * BeginDecisionSignature. A refusal because none of the approver's passkeys is endorsed yet becomes a message saying
 * so and where the fingerprint to compare is: the console asks for the approver's own passkeys rather than reading
 * the service's English reason.
 */
async function beginSignature(requestId: string, approve: boolean, comment: string): Promise<BeginDecisionSignatureResponse> {
  try {
    return await requests.beginDecisionSignature({ requestId, decision: approve ? DecisionKind.APPROVE : DecisionKind.REJECT, comment });
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.FailedPrecondition && (await awaitingEndorsement())) {
      throw new ProblemError({ key: "sign.notEndorsed", detail: "", code: error.code });
    }
    throw error;
  }
}

/** True when the signed-in person has passkeys and none is endorsed; false also when that cannot be learnt. */
async function awaitingEndorsement(): Promise<boolean> {
  try {
    const { passkeys } = await organization.listPasskeys({});
    return passkeys.length > 0 && passkeys.every((p) => !p.endorsedTime);
  } catch {
    return false;
  }
}

/** One request: its materials, history and photos; approve / reject (signed) / cancel; the stamping-completed view. */
@customElement("sc-request-detail")
export class RequestDetail extends Screen {
  @property() requestId = "";
  @state() private request: SealRequest | undefined;
  @state() private matters = new Map<string, string>();
  @state() private images = new Map<string, string>();
  @state() private zoomed: string | undefined;
  @state() private rejectReason = "";
  @state() private cancelReason = "";
  @state() private signing: Signing | undefined;
  private polls = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    clearTimeout(this.pollTimer);
    this.images.forEach((url) => URL.revokeObjectURL(url));
    super.disconnectedCallback();
  }

  /**
   * Going from one request straight to another (a link, the address) keeps this element and changes its requestId:
   * forget everything of the previous request and load the new one.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has("requestId")) {
      clearTimeout(this.pollTimer);
      this.request = undefined;
      this.problem = undefined;
      this.signing = undefined;
      this.zoomed = undefined;
      this.rejectReason = "";
      this.cancelReason = "";
      this.polls = 0;
      void this.refresh();
    }
  }

  protected override async refresh(): Promise<void> {
    clearTimeout(this.pollTimer);
    const id = this.requestId;
    const loaded = await this.run(async () => {
      const request = (await requests.getRequest({ requestId: id })).request!;
      const matters = await matterNamesByCode();
      if (id === this.requestId) {
        this.request = request;
        this.matters = matters;
        await this.loadImages(request);
      }
    });
    if (id !== this.requestId) {
      // Another request was opened while this one loaded (or while a call ran and this load was skipped).
      void this.refresh();
      return;
    }
    // The cabinet uploads its photos after the stamping: look again until every one arrived and verified.
    const r = this.request;
    if (loaded && r && r.state === RequestState.COMPLETED && (r.evidence.length === 0 || r.evidence.some((e) => !e.verified)) && this.polls++ < 60) {
      this.pollTimer = setTimeout(() => void this.refresh(), 2000);
    }
  }

  private async loadImages(r: SealRequest): Promise<void> {
    const next = new Map(this.images);
    for (const m of r.materials) {
      if (!next.has(m.materialId) && m.contentType.startsWith("image/")) {
        const got = (await requests.getMaterial({ requestId: r.requestId, materialId: m.materialId })).material!;
        next.set(m.materialId, blobUrl(got.content, got.contentType));
      }
    }
    for (const e of r.evidence) {
      if (!next.has(e.evidenceId) && e.verified) {
        const got = (await requests.getEvidence({ requestId: r.requestId, evidenceId: e.evidenceId })).evidence!;
        next.set(e.evidenceId, blobUrl(got.content, got.contentType));
      }
    }
    this.images = next;
  }

  protected override notified(n: Notification): void {
    if (n.requestId === this.requestId) {
      this.polls = 0;
      void this.refresh();
    }
  }

  private canDecide(r: SealRequest): boolean {
    const me = this.session?.person;
    return (
      r.state === RequestState.SUBMITTED &&
      r.custodianId !== me?.personId &&
      !r.decisions.some((d) => d.approverId === me?.personId) &&
      !!me?.roles.some((x) => x.role === Role.APPROVER && x.sealKind === r.sealKind)
    );
  }

  /**
   * Approve or reject, signed by the approver's passkey: the service's statement is checked against this page and
   * shown, the passkey signs its SHA-256, the decision goes with the signature. One at a time: a second tap while
   * this runs does nothing. A prompt cancelled or refused, or a refusal by the service, records nothing.
   */
  private async decide(approve: boolean): Promise<void> {
    const r = this.request;
    const me = this.session?.person?.personId;
    if (this.busy || !r || !me) {
      return;
    }
    const requestId = r.requestId;
    const comment = approve ? "" : this.rejectReason.trim();
    this.signing = undefined;
    let recorded = false;
    await this.change(async () => {
      const begun = await beginSignature(requestId, approve, comment);
      const signing = await this.statementToSign(r, me, approve, comment, begun);
      this.signing = signing;
      const credential = await passkeySignature(begun.optionsJson, decisionPasskeyMessages);
      this.signing = { ...signing, phase: "sending" };
      const signature = { ceremonyId: begun.ceremonyId, credentialJson: authenticationJson(credential) };
      const decided = approve
        ? (await requests.approveRequest({ requestId, comment, signature })).request
        : (await requests.rejectRequest({ requestId, comment, signature })).request;
      this.signing = { ...signing, phase: "done" };
      recorded = true;
      return decided;
    });
    if (!recorded) {
      // Nothing was recorded by this attempt (or its answer was lost: the page now shows what the service holds).
      this.signing = undefined;
    }
  }

  /** The statement the service prepared, refused unless it says what the approver chose about the request shown. */
  private async statementToSign(r: SealRequest, me: string, approve: boolean, reason: string, begun: BeginDecisionSignatureResponse): Promise<Signing> {
    try {
      const statement = parseStatement(begun.statement);
      checkStatement(statement, {
        requestId: r.requestId,
        villageId: r.villageId,
        matter: r.matterCode,
        sealKind: SealKind[r.sealKind],
        copies: r.copies,
        materialSha256: r.materials.map((m) => hex(m.sha256)),
        approve,
        reason,
        approverId: me,
      });
      const digest = await statementDigest(begun.statement as Uint8Array<ArrayBuffer>);
      checkChallenge(begun.optionsJson, digest);
      return { requestId: r.requestId, statement, digest, phase: "waiting" };
    } catch (error) {
      if (error instanceof StatementMismatch) {
        throw new ProblemError({ key: "sign.mismatch", detail: error.message, code: undefined });
      }
      throw error;
    }
  }

  private async cancel(): Promise<void> {
    await this.change(async () => (await requests.cancelRequest({ requestId: this.requestId, reason: this.cancelReason.trim() })).request);
  }

  /** A decision or cancellation; when it fails (an answer lost on the way back, too) the page shows what the service holds. */
  private async change(action: () => Promise<SealRequest | undefined>): Promise<void> {
    const id = this.requestId;
    const done = await this.run(async () => {
      const changed = await action();
      if (id === this.requestId) {
        this.request = changed;
      }
    });
    if (done && id === this.requestId) {
      return;
    }
    const problem = this.problem;
    await this.refresh();
    this.problem = problem;
  }

  private async download(materialId: string, name: string): Promise<void> {
    await this.run(async () => {
      const got = (await requests.getMaterial({ requestId: this.requestId, materialId })).material!;
      saveFile(blobUrl(got.content, got.contentType), name);
    });
  }

  /** What the passkey signs (or signed), decoded from the statement's bytes, with the digest to compare by eye. */
  private renderSigning(r: SealRequest) {
    const s = this.signing;
    if (!s || s.requestId !== r.requestId) {
      return nothing;
    }
    const st = s.statement;
    const kind = (SealKind as unknown as Record<string, SealKind>)[st.sealKind] ?? SealKind.UNSPECIFIED;
    return html`<section class="signing" data-testid="signing-statement" data-phase=${s.phase} data-decision=${st.decision}
      data-statement-sha256=${hex(s.digest)} aria-labelledby="signing-title">
      <h2 id="signing-title">${t(s.phase === "done" ? "sign.signedTitle" : "sign.title")}</h2>
      ${s.phase === "done" ? nothing : html`<p class="hint">${t("sign.explain")}</p>`}
      <dl class="facts">
        <dt>${t("sign.request")}</dt><dd class="hash">${st.requestId}</dd>
        <dt>${t("field.village")}</dt><dd>${st.villageId}</dd>
        <dt>${t("field.matter")}</dt><dd>${this.matters.get(st.matter) ?? ""}（${st.matter}）</dd>
        <dt>${t("field.sealKind")}</dt><dd>${t(sealKindKey(kind))}</dd>
        <dt>${t("field.copies")}</dt><dd>${st.copies}</dd>
        <dt>${t("field.materials")}</dt><dd>${t("sign.materials", { count: st.materialSha256.length })}</dd>
        <dt>${t("sign.decision")}</dt><dd><strong data-testid="signing-decision">${t(st.decision === "approve" ? "decide.approve" : "decide.reject")}</strong></dd>
        <dt>${t("sign.reason")}</dt><dd data-testid="signing-reason">${st.reason || t("sign.noReason")}</dd>
        <dt>${t("sign.digest")}</dt><dd class="hash" data-testid="statement-digest">${shortDigest(s.digest)}</dd>
      </dl>
    </section>`;
  }

  private image(id: string, alt: string, testId: string, extra: Record<string, string> = {}) {
    const url = this.images.get(id);
    if (!url) {
      return html`<span class="placeholder">${t("evidence.uploading")}</span>`;
    }
    return html`<button class="image" aria-label=${t("material.zoom", { name: alt })} @click=${() => (this.zoomed = url)}>
      <img src=${url} alt=${alt} data-testid=${testId} data-kind=${extra.kind ?? nothing} />
    </button>`;
  }

  override render() {
    const r = this.request;
    if (!r) {
      return html`<section class="card">${this.renderProblem()}<p>${t("app.loading")}</p></section>`;
    }
    const presses = r.grants.reduce((n, g) => n + g.pressesUsed, 0);
    const after = r.evidence.find((e) => e.kind === EvidencePhotoKind.DOCUMENT_AFTER);
    const approved = r.materials[0];
    return html`<section class="card">
      <h1>${r.applicantName} · ${this.matters.get(r.matterCode) ?? r.matterCode}</h1>
      <p><span class="chip" data-testid="request-status" data-state=${stateName(r.state)}>${t(stateKey(r.state))}</span></p>
      ${r.state === RequestState.GRANT_DELIVERED && r.grants.length > 0
        ? html`<p class="notice" data-testid="ready-hint">${t("request.readyHint", { sleeve: r.grants[r.grants.length - 1].sleeve })}</p>`
        : nothing}
      ${r.state === RequestState.COMPLETED
        ? html`<section class="completed" data-testid="stamping-completed" aria-labelledby="completed-title">
            <h2 id="completed-title">${t("completed.title")}</h2>
            <p>${t("completed.presses")} <strong data-testid="press-count">${presses}</strong> / ${r.copies}</p>
            <div class="side-by-side">
              <figure>${approved ? this.image(approved.materialId, approved.fileName, "approved-material") : nothing}<figcaption>${t("completed.approved")}</figcaption></figure>
              <figure>${after ? this.image(after.evidenceId, t("evidence.after"), "evidence-photo", { kind: "DOCUMENT_AFTER" }) : html`<span class="placeholder">${t("evidence.uploading")}</span>`}<figcaption>${t("evidence.after")}</figcaption></figure>
            </div>
          </section>`
        : nothing}
      <dl class="facts">
        <dt>${t("field.sealKind")}</dt><dd>${t(sealKindKey(r.sealKind))}</dd>
        <dt>${t("field.matter")}</dt><dd>${this.matters.get(r.matterCode) ?? ""}（${r.matterCode}）</dd>
        <dt>${t("field.village")}</dt><dd>${r.villageId}</dd>
        <dt>${t("field.applicant")}</dt><dd>${r.applicantName}</dd>
        <dt>${t("field.copies")}</dt><dd>${r.copies}</dd>
        <dt>${t("field.reason")}</dt><dd>${r.purpose}</dd>
        <dt>${t("field.custodian")}</dt><dd>${r.custodianId}</dd>
        <dt>${t("field.submitted")}</dt><dd>${time(r.submittedTime)}</dd>
      </dl>
      <h2>${t("field.materials")}</h2>
      <ul class="materials">
        ${r.materials.map(
          (m) => html`<li>
            ${m.contentType.startsWith("image/")
              ? this.image(m.materialId, m.fileName, "material-image")
              : html`<button class="link" @click=${() => this.download(m.materialId, m.fileName)}>${t("material.download", { name: m.fileName })}</button>`}
            <span class="row-sub">${m.fileName} · ${kilobytes(m.size)}</span>
          </li>`,
        )}
      </ul>
      ${r.evidence.length > 0
        ? html`<h2>${t("evidence.title")}</h2>
            <ul class="materials">
              ${r.evidence.map(
                (e) => html`<li>${this.image(e.evidenceId, t(photoKeys[e.kind]), "evidence-photo", { kind: EvidencePhotoKind[e.kind] })}
                  <span class="row-sub">${t(photoKeys[e.kind])} · ${e.verified ? t("evidence.verified") : t("evidence.uploading")}</span></li>`,
              )}
            </ul>`
        : nothing}
      <h2>${t("history.title")}</h2>
      <ol class="history">
        <li>${time(r.submittedTime)} · ${t("history.filed", { who: r.custodianId })}</li>
        ${r.decisions.map(
          (d) => html`<li data-testid="decision" data-signed=${String(d.signed)}>
            ${time(d.time)} · ${t(d.approved ? "history.approved" : "history.rejected", { who: d.approverId })}${d.comment ? `：${d.comment}` : ""}
            ${d.signed
              ? html`<span class="chip good" data-testid="decision-signed" data-credential-id=${hex(d.credentialId)} data-statement-sha256=${hex(d.statementSha256)}
                    >${t("history.signed")}</span>
                  <span class="row-sub">${t("history.signedWith", { id: shortCredentialId(d.credentialId), digest: shortDigest(d.statementSha256) })}</span>`
              : html`<span class="chip" data-testid="decision-unsigned">${t("history.unsigned")}</span>`}
          </li>`,
        )}
        ${r.grants.map((g) => html`<li>${time(g.issuedTime)} · ${t("history.grant", { sleeve: g.sleeve, used: g.pressesUsed, allowed: g.pressesAllowed })}</li>`)}
      </ol>
      ${this.renderProblem()}
      ${this.problem?.key === "sign.notEndorsed"
        ? html`<p><a class="action" href="#/passkeys" data-testid="my-passkeys-link">${t("sign.toMyPasskeys")}</a></p>`
        : nothing}
      ${this.renderSigning(r)}
      <p class="signing-status" role="status" data-testid="signing-status" data-phase=${this.signing?.requestId === r.requestId ? this.signing.phase : "idle"}>${
        this.signing?.requestId === r.requestId ? t(signingKeys[this.signing.phase]) : ""
      }</p>
      ${this.canDecide(r)
        ? html`<div class="actions">
            <button class="primary" data-testid="approve" ?disabled=${this.busy} @click=${() => this.decide(true)}>${t("decide.approve")}</button>
            <label>${t("decide.reason")}
              <textarea data-testid="reject-reason" rows="2" .value=${this.rejectReason} @input=${(e: Event) => (this.rejectReason = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <button class="danger" data-testid="reject" ?disabled=${this.busy || !this.rejectReason.trim()} @click=${() => this.decide(false)}>${t("decide.reject")}</button>
          </div>`
        : nothing}
      ${cancellable.has(r.state) && r.custodianId === this.session?.person?.personId
        ? html`<div class="actions">
            <label>${t("cancel.reason")}
              <input data-testid="cancel-reason" .value=${this.cancelReason} @input=${(e: Event) => (this.cancelReason = (e.target as HTMLInputElement).value)} />
            </label>
            <button class="danger" data-testid="cancel" ?disabled=${this.busy || !this.cancelReason.trim()} @click=${() => this.cancel()}>${t("cancel.button")}</button>
          </div>`
        : nothing}
      ${this.zoomed
        ? html`<div class="zoom" role="dialog" aria-modal="true" aria-label=${t("material.zoomed")} @click=${() => (this.zoomed = undefined)}>
            <img src=${this.zoomed} alt=${t("material.zoomed")} />
            <button class="primary" @click=${() => (this.zoomed = undefined)}>${t("app.close")}</button>
          </div>`
        : nothing}
    </section>`;
  }
}
