import { html } from "lit";
import { customElement } from "lit/decorators.js";
import { sessions } from "../api";
import { t } from "../i18n/i18n";
import { Screen } from "../screen";
import { authenticationJson, requestOptions } from "../webauthn";

/** Sign-in with the passkey on this phone (discoverable: no user name to type). */
@customElement("sc-sign-in")
export class SignIn extends Screen {
  private async signIn(): Promise<void> {
    await this.run(async () => {
      const begun = await sessions.beginSignIn({});
      const credential = (await navigator.credentials.get({ publicKey: requestOptions(begun.optionsJson) })) as PublicKeyCredential | null;
      if (!credential) {
        throw new Error(t("signIn.cancelled"));
      }
      const finished = await sessions.finishSignIn({ ceremonyId: begun.ceremonyId, credentialJson: authenticationJson(credential) });
      window.dispatchEvent(new CustomEvent("sc-signed-in", { detail: finished.session }));
    });
  }

  override render() {
    return html`<section class="card narrow">
      <h1>${t("signIn.title")}</h1>
      <p>${t("signIn.explain")}</p>
      <button class="primary" data-testid="sign-in" ?disabled=${this.busy} @click=${() => this.signIn()}>${t("signIn.button")}</button>
      ${this.renderProblem()}
      <p class="hint">${t("signIn.noPasskey")}</p>
    </section>`;
  }
}
