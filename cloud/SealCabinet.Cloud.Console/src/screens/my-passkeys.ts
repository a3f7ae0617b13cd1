import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { organization } from "../api";
import type { Passkey } from "../gen/sealcabinet/v1/organization_pb";
import { passkeyState, passkeyStateText, time } from "../format";
import { t } from "../i18n/i18n";
import { hex } from "../merkle";
import { Screen } from "../screen";
import { shortHex } from "../signed-statement";

/**
 * Everyone: the signed-in person's own passkeys, each with its fingerprint in large type and whether an administrator
 * endorsed it. The administrator reads the same fingerprint on the People screen and compares the two, in person or
 * by a call, before endorsing; until then the passkey signs in but signs no decision. Enrolment lands here.
 */
@customElement("sc-my-passkeys")
export class MyPasskeys extends Screen {
  @state() private passkeys: Passkey[] | undefined;

  protected override async refresh(): Promise<void> {
    await this.run(async () => {
      this.passkeys = (await organization.listPasskeys({})).passkeys;
    });
  }

  private renderPasskey(k: Passkey) {
    const standing = passkeyState(k);
    return html`<li data-testid="my-passkey" data-credential-id=${hex(k.credentialId)} data-state=${standing}>
      <dl class="passkey-facts">
        <dt>${t("passkeys.fingerprint")}</dt>
        <dd class="fingerprint big" data-testid="my-passkey-fingerprint">${shortHex(k.fingerprint)}</dd>
        <dt>${t("passkeys.state")}</dt>
        <dd><span class="chip wrap ${standing === "awaiting" ? "warn" : "good"}" data-testid="my-passkey-state" data-state=${standing}>${passkeyStateText(k)}</span></dd>
      </dl>
      <p class="row-sub">
        ${t("passkeys.registered", { time: time(k.registeredTime) })}${k.lastUsedTime ? html` · ${t("passkeys.lastUsed", { time: time(k.lastUsedTime) })}` : nothing}
      </p>
      ${k.root
        ? html`<p class="hint">${t("passkeys.rootExplain")}</p>
            <p class="hash" data-testid="my-passkey-full-fingerprint">${k.fingerprint}</p>`
        : nothing}
    </li>`;
  }

  override render() {
    return html`<section class="card">
      <h1>${t("passkeys.title")}</h1>
      <p>${t("passkeys.explain")}</p>
      ${this.renderProblem()}
      ${this.passkeys === undefined
        ? this.problem
          ? nothing
          : html`<p>${t("app.loading")}</p>`
        : this.passkeys.length === 0
          ? html`<p data-testid="my-passkeys-none">${t("passkeys.none")}</p>`
          : html`<ul class="passkeys">${this.passkeys.map((k) => this.renderPasskey(k))}</ul>`}
      <div class="actions inline">
        <button data-testid="my-passkeys-refresh" ?disabled=${this.busy} @click=${() => this.refresh()}>${t("passkeys.refresh")}</button>
      </div>
    </section>`;
  }
}
