import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { sessions } from "../api";
import { t } from "../i18n/i18n";
import { Screen, signedInEvent, type SignedIn } from "../screen";
import { creationOptions, registrationJson } from "../webauthn";

/** The one-time enrolment link: registers a passkey on this phone for the invited person and signs them in. */
@customElement("sc-enrol")
export class Enrol extends Screen {
  @property() code = "";
  @state() private personName = "";

  protected override async refresh(): Promise<void> {
    if (this.personName) {
      return;
    }
    await this.run(async () => {
      this.personName = (await sessions.beginEnrolment({ enrolmentCode: this.code })).personName;
    });
  }

  private async enrol(): Promise<void> {
    await this.run(async () => {
      // A fresh ceremony: the one that showed the name may have expired while the person read the page.
      const begun = await sessions.beginEnrolment({ enrolmentCode: this.code });
      const credential = (await navigator.credentials.create({ publicKey: creationOptions(begun.optionsJson) })) as PublicKeyCredential | null;
      if (!credential) {
        throw new Error(t("signIn.cancelled"));
      }
      const finished = await sessions.finishEnrolment({
        enrolmentCode: this.code,
        ceremonyId: begun.ceremonyId,
        credentialJson: registrationJson(credential),
      });
      // To the new passkey's fingerprint: the administrator who endorses it compares it with this phone's.
      window.dispatchEvent(new CustomEvent<SignedIn>(signedInEvent, { detail: { session: finished.session, route: "passkeys" } }));
    });
  }

  override render() {
    return html`<section class="card narrow">
      <h1>${t("enrol.title")}</h1>
      ${this.personName ? html`<p data-testid="enrol-person">${t("enrol.for", { name: this.personName })}</p>` : nothing}
      <p>${t("enrol.explain")}</p>
      <button class="primary" data-testid="enrol" ?disabled=${this.busy || !this.personName} @click=${() => this.enrol()}>
        ${t("enrol.button")}
      </button>
      ${this.renderProblem()}
    </section>`;
  }
}
