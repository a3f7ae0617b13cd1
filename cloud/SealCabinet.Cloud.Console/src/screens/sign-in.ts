import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { sessions } from "../api";
import type { Session } from "../gen/sealcabinet/v1/sessions_pb";
import { t } from "../i18n/i18n";
import { oidcReturnOf, withoutOidcReturn } from "../oidc";
import { Screen, signedInEvent, type SignedIn } from "../screen";
import { authenticationJson, requestOptions } from "../webauthn";

/**
 * Sign-in with the passkey on this phone (discoverable: no user name to type) or, where the installation has one,
 * with the organisation account; the identity provider sends the browser back here with its answer.
 */
@customElement("sc-sign-in")
export class SignIn extends Screen {
  @state() private oidcProvider = "";

  override connectedCallback(): void {
    super.connectedCallback();
    const answer = oidcReturnOf(new URL(location.href));
    if (answer) {
      history.replaceState(null, "", withoutOidcReturn(new URL(location.href)));
      if (answer.kind === "error") {
        this.problem = { key: "signIn.oidcRefused", detail: `${answer.error} ${answer.description}`.trim(), code: undefined };
        return;
      }
      void this.run(async () => {
        const finished = await sessions.finishOidcSignIn({ state: answer.state, code: answer.code });
        this.signedIn(finished.session);
      });
    }
  }

  protected override async refresh(): Promise<void> {
    this.oidcProvider = (await sessions.getSignInMethods({})).oidcProviderName;
  }

  private async signIn(): Promise<void> {
    await this.run(async () => {
      const begun = await sessions.beginSignIn({});
      const credential = (await navigator.credentials.get({ publicKey: requestOptions(begun.optionsJson) })) as PublicKeyCredential | null;
      if (!credential) {
        throw new Error(t("signIn.cancelled"));
      }
      const finished = await sessions.finishSignIn({ ceremonyId: begun.ceremonyId, credentialJson: authenticationJson(credential) });
      this.signedIn(finished.session);
    });
  }

  private async signInWithOrganisationAccount(): Promise<void> {
    await this.run(async () => {
      location.assign((await sessions.beginOidcSignIn({})).authorizationUrl);
    });
  }

  private signedIn(session: Session | undefined): void {
    window.dispatchEvent(new CustomEvent<SignedIn>(signedInEvent, { detail: { session } }));
  }

  override render() {
    return html`<section class="card narrow">
      <h1>${t("signIn.title")}</h1>
      <p>${t("signIn.explain")}</p>
      <button class="primary" data-testid="sign-in" ?disabled=${this.busy} @click=${() => this.signIn()}>${t("signIn.button")}</button>
      ${this.oidcProvider
        ? html`<button data-testid="sign-in-oidc" ?disabled=${this.busy} @click=${() => this.signInWithOrganisationAccount()}>
            ${t("signIn.oidcButton", { provider: this.oidcProvider })}
          </button>`
        : nothing}
      ${this.renderProblem()}
      <p class="hint">${t("signIn.noPasskey")}</p>
    </section>`;
  }
}
