import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { organization, sessions } from "../api";
import { pinProblem } from "../cabinet-auth";
import type { Person } from "../gen/sealcabinet/v1/organization_pb";
import { t } from "../i18n/i18n";
import { personUpdatedEvent, Screen } from "../screen";

/**
 * Custodian: their own cabinet PIN, typed on the cabinet's keypad. The PIN goes from the form straight into the one
 * SetCabinetPin call and the fields are cleared at once, whatever the outcome: it is never held in the screen's state,
 * never logged, never shown again. The fields are password fields with a numeric keypad and `one-time-code`
 * autocompletion, so browsers neither offer to save it as the console's password nor fill in a generated one.
 */
@customElement("sc-cabinet-pin")
export class CabinetPin extends Screen {
  @state() private pinSet: boolean | undefined;
  @state() private check: "pin.format" | "pin.mismatch" | undefined;
  @state() private saved = false;

  protected override async refresh(): Promise<void> {
    this.pinSet ??= this.session?.person?.cabinetPinSet;
    // The session's copy may be older than this page: ask the service.
    try {
      this.pinSet = (await sessions.getSession({})).session?.person?.cabinetPinSet ?? this.pinSet;
    } catch {
      // The status line keeps what the session said; a call that matters reports its own failure.
    }
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const pin = form.elements.namedItem("pin") as HTMLInputElement;
    const confirmation = form.elements.namedItem("pin-confirm") as HTMLInputElement;
    if (this.busy) {
      return;
    }
    // Local to this call only; the fields are emptied before anything is sent.
    const typed = pin.value;
    const again = confirmation.value;
    form.reset();
    this.saved = false;
    this.problem = undefined;
    this.check = pinProblem(typed, again);
    if (this.check) {
      pin.focus();
      return;
    }
    const answer: { person?: Person } = {};
    const ok = await this.run(async () => {
      answer.person = (await organization.setCabinetPin({ pin: typed })).person;
    });
    const updated = answer.person;
    if (ok && updated) {
      this.pinSet = updated.cabinetPinSet;
      this.saved = true;
      window.dispatchEvent(new CustomEvent<Person>(personUpdatedEvent, { detail: updated }));
    } else {
      // A lost answer may still have set it: show what the service holds.
      await this.refresh();
      pin.focus();
    }
  }

  override render() {
    const described = ["pin-rules", ...(this.check ? ["pin-check"] : [])].join(" ");
    return html`<section class="card narrow">
      <h1>${t("pin.title")}</h1>
      ${this.saved ? html`<p class="notice" role="status" data-testid="pin-saved">${t("pin.saved")}</p>` : nothing}
      ${this.pinSet === undefined
        ? nothing
        : html`<p class="status ${this.pinSet ? "good" : "bad"}" data-testid="pin-status" data-set=${String(this.pinSet)}>
            ${t(this.pinSet ? "pin.isSet" : "pin.notSet")}
          </p>`}
      <p>${t("pin.explain")}</p>
      <form novalidate autocomplete="off" @submit=${(e: Event) => this.submit(e)}>
        <label
          >${t("pin.new")}
          <input name="pin" data-testid="pin" type="password" inputmode="numeric" pattern="[0-9]*" maxlength="8"
            autocomplete="one-time-code" spellcheck="false" aria-describedby=${described} aria-invalid=${this.check === "pin.format" ? "true" : "false"}
        /></label>
        <p class="hint" id="pin-rules">${t("pin.rules")}</p>
        <label
          >${t("pin.confirm")}
          <input name="pin-confirm" data-testid="pin-confirm" type="password" inputmode="numeric" pattern="[0-9]*" maxlength="8"
            autocomplete="one-time-code" spellcheck="false" aria-describedby=${described} aria-invalid=${this.check === "pin.mismatch" ? "true" : "false"}
        /></label>
        ${this.check ? html`<p class="error" id="pin-check" role="alert" data-testid="pin-error">${t(this.check)}</p>` : nothing}
        ${this.renderProblem()}
        <button class="primary" type="submit" data-testid="pin-submit" ?disabled=${this.busy}>${this.busy ? t("app.sending") : t("pin.submit")}</button>
      </form>
    </section>`;
  }
}
