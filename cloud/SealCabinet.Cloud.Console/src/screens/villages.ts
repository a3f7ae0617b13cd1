import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { organization } from "../api";
import { cabinetAuthPolicies, effectivePolicy, policyKey } from "../cabinet-auth";
import { CabinetAuthPolicy } from "../gen/sealcabinet/v1/common_pb";
import type { Village } from "../gen/sealcabinet/v1/organization_pb";
import { t } from "../i18n/i18n";
import { Screen } from "../screen";

/**
 * Administrator: how the custodians of each village authenticate at its cabinets (PIN, card, either, or both), with
 * the village's custodian roster version. A change is picked in the row's select and takes a second tap to confirm;
 * the service raises the roster version and sends the new roster to every cabinet of the village.
 */
@customElement("sc-villages")
export class Villages extends Screen {
  @state() private villages: Village[] = [];
  @state() private loaded = false;
  // The row being changed, the policy picked there, and whether its change button was tapped once already.
  @state() private editing = "";
  @state() private picked = CabinetAuthPolicy.PIN;
  @state() private confirming = false;
  // What the last change did, shown in that village's row.
  @state() private notice = "";
  @state() private noticeAt = "";
  // The row whose call failed, where the failure is shown; none: the failure shows at the top.
  @state() private problemAt = "";

  protected override async refresh(): Promise<void> {
    this.problemAt = "";
    await this.run(async () => {
      this.villages = (await organization.listVillages({ page: { pageSize: 500 } })).villages;
      this.loaded = true;
    });
  }

  private pick(village: Village, value: string): void {
    this.editing = village.villageId;
    this.picked = Number(value) as CabinetAuthPolicy;
    this.confirming = false;
    this.notice = "";
    if (this.problemAt === village.villageId) {
      this.problem = undefined;
    }
  }

  private async change(village: Village): Promise<void> {
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    const policy = this.picked;
    this.problemAt = village.villageId;
    const done = await this.run(async () => {
      const updated = (await organization.setCabinetAuthPolicy({ villageId: village.villageId, policy })).village!;
      this.villages = this.villages.map((v) => (v.villageId === updated.villageId ? updated : v));
      this.noticeAt = updated.villageId;
      this.notice = t("villages.changed", { name: updated.name, policy: t(policyKey(updated.cabinetAuthPolicy)), version: String(updated.rosterVersion) });
    });
    this.confirming = false;
    if (done) {
      this.editing = "";
      this.problemAt = "";
    }
  }

  private cancel(): void {
    this.editing = "";
    this.confirming = false;
    this.problem = undefined;
    this.problemAt = "";
  }

  override render() {
    return html`<section class="card">
      <h1>${t("villages.title")}</h1>
      <p>${t("villages.explain")}</p>
      <p class="hint">${t("villages.cardHint")}</p>
      ${this.problemAt ? nothing : this.renderProblem()}
      ${this.loaded && this.villages.length === 0 ? html`<p data-testid="empty">${t("villages.empty")}</p>` : nothing}
      <ul class="rows">
        ${this.villages.map((v) => this.renderVillage(v))}
      </ul>
    </section>`;
  }

  private renderVillage(v: Village) {
    const current = effectivePolicy(v.cabinetAuthPolicy);
    const editing = this.editing === v.villageId;
    const chosen = editing ? this.picked : current;
    const selectId = `policy-${v.villageId}`;
    return html`<li data-testid="village-row" data-village-id=${v.villageId} data-policy=${CabinetAuthPolicy[current]} data-roster-version=${String(v.rosterVersion)}>
      <p class="row-main">${v.name} · ${v.villageId}</p>
      <p class="row-sub">
        <span class="chip" data-testid="auth-policy">${t("villages.current", { policy: t(policyKey(current)) })}</span>
        <span data-testid="roster-version">${t("villages.roster", { version: String(v.rosterVersion) })}</span>
      </p>
      <div class="inline-form">
        <label for=${selectId}>${t("villages.policy", { name: v.name })}</label>
        <select id=${selectId} data-testid="policy-select" .value=${String(chosen)} ?disabled=${this.busy} @change=${(e: Event) => this.pick(v, (e.target as HTMLSelectElement).value)}>
          ${cabinetAuthPolicies.map((p) => html`<option value=${p} ?selected=${p === chosen}>${t(policyKey(p))}</option>`)}
        </select>
        ${editing && chosen !== current
          ? html`<div class="actions inline">
              <button class=${this.confirming ? "danger" : ""} data-testid=${this.confirming ? "policy-confirm" : "policy-change"} ?disabled=${this.busy}
                @click=${() => this.change(v)}>
                ${this.confirming ? t("villages.confirm", { name: v.name, policy: t(policyKey(chosen)) }) : t("villages.change")}
              </button>
              <button data-testid="policy-cancel" @click=${() => this.cancel()}>${t("app.close")}</button>
            </div>`
          : nothing}
        ${this.problemAt === v.villageId ? this.renderProblem() : nothing}
        ${this.notice && this.noticeAt === v.villageId ? html`<p class="notice" role="status" data-testid="notice">${this.notice}</p>` : nothing}
      </div>
    </li>`;
  }
}
