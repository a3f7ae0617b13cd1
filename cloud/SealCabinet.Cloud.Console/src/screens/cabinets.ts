import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { devices, organization } from "../api";
import { rosterState } from "../cabinet-auth";
import { Role } from "../gen/sealcabinet/v1/common_pb";
import { CabinetStatus, SleeveState, type Cabinet } from "../gen/sealcabinet/v1/devices_pb";
import { NotificationKind, type Notification } from "../gen/sealcabinet/v1/notifications_pb";
import { hasRole, sealKindKey, time } from "../format";
import { t } from "../i18n/i18n";
import type { Key } from "../i18n/strings";
import { Screen } from "../screen";

const sleeveStateKeys: Record<SleeveState, Key> = {
  [SleeveState.UNSPECIFIED]: "sleeve.unknown",
  [SleeveState.LOCKED]: "sleeve.locked",
  [SleeveState.UNLOCKED]: "sleeve.unlocked",
  [SleeveState.SEAL_OUT]: "sleeve.sealOut",
  [SleeveState.ALARM]: "sleeve.alarm",
};

/**
 * Cabinets in the person's scope: online or not, open alarms, the sleeves and their seals. Technicians and
 * administrators take a cabinet out of service here (with the reason the ledger records); technicians also authorise
 * a cabinet's new event chain after its journal was wiped. Registering a cabinet and rotating its secret stay at the
 * USB provisioning bench (`sealctl provision`), so a device secret goes straight to the device and never to a browser.
 * Each cabinet also shows the custodian roster version it last reported against its village's, flagging one whose
 * roster has not been delivered yet.
 */
@customElement("sc-cabinets")
export class Cabinets extends Screen {
  @state() private items: Cabinet[] = [];
  @state() private managing = "";
  @state() private confirming = false;
  @state() private reason = "";
  @state() private notice = "";
  // Each village's current custodian roster version, by village id (villages outside ListVillages' first page: unknown).
  @state() private rosterVersions = new Map<string, bigint>();

  protected override async refresh(): Promise<void> {
    await this.run(async () => {
      const [cabinets, villages] = await Promise.all([
        devices.listCabinets({ page: { pageSize: 200 } }),
        organization.listVillages({ page: { pageSize: 500 } }),
      ]);
      this.items = cabinets.cabinets;
      this.rosterVersions = new Map(villages.villages.map((v) => [v.villageId, v.rosterVersion]));
    });
  }

  protected override notified(n: Notification): void {
    if (n.deviceId && (n.kind === NotificationKind.ALARM || n.kind === NotificationKind.STAMPING_COMPLETED)) {
      void this.refresh();
    }
  }

  private manage(deviceId: string): void {
    this.managing = this.managing === deviceId ? "" : deviceId;
    this.confirming = false;
    this.reason = "";
    this.notice = "";
    this.problem = undefined;
  }

  private async decommission(cabinet: Cabinet): Promise<void> {
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    const done = await this.run(async () => {
      const answer = await devices.decommissionCabinet({ deviceId: cabinet.deviceId, reason: this.reason.trim() });
      this.items = this.items.map((c) => (c.deviceId === cabinet.deviceId ? answer.cabinet! : c));
      this.notice = t("cabinets.decommissioned", { name: cabinet.name, count: answer.revokedGrants });
    });
    this.confirming = false;
    if (done) {
      this.managing = "";
    }
  }

  private async authorizeChainRestart(cabinet: Cabinet): Promise<void> {
    await this.run(async () => {
      const answer = await devices.authorizeChainRestart({ deviceId: cabinet.deviceId, reason: this.reason.trim() });
      this.notice = t("cabinets.chainRestartAuthorized", { name: cabinet.name, epoch: answer.nextChainEpoch });
      this.managing = "";
    });
  }

  override render() {
    const technician = hasRole(this.session?.person, Role.TECHNICIAN);
    const manager = technician || hasRole(this.session?.person, Role.ADMINISTRATOR);
    return html`<section class="card">
      <h1>${t("cabinets.title")}</h1>
      ${this.notice ? html`<p class="notice" role="status" data-testid="notice">${this.notice}</p>` : nothing}
      ${this.renderProblem()}
      <ul class="rows">
        ${this.items.map((c) => {
          const retired = c.status === CabinetStatus.DECOMMISSIONED;
          return html`<li data-testid="cabinet-row" data-device-id=${c.deviceId} data-online=${String(c.online)} data-status=${CabinetStatus[c.status]}>
            <p class="row-main">${c.name} · ${c.villageId}${c.location ? html` · ${c.location}` : nothing}</p>
            <p class="row-sub">
              ${retired
                ? html`<span class="chip bad">${t("cabinets.retired")}</span>`
                : html`<span class="chip ${c.online ? "good" : "bad"}">${t(c.online ? "cabinets.online" : "cabinets.offline")}</span>`}
              ${c.openAlarms > 0 ? html`<span class="chip bad" data-testid="open-alarms">${t("cabinets.alarms", { count: c.openAlarms })}</span>` : ""}
              ${t("cabinets.lastEvent")} ${time(c.lastEventTime)}
            </p>
            ${retired ? nothing : this.renderRoster(c)}
            <ul class="sleeves">
              ${c.sleeves.map((s) => html`<li>${s.number} · ${t(sealKindKey(s.sealKind))} · ${t(sleeveStateKeys[s.state] ?? "sleeve.unknown")}</li>`)}
            </ul>
            ${manager && !retired ? this.renderManagement(c, technician) : nothing}
          </li>`;
        })}
      </ul>
      <p class="hint">${t("cabinets.rosterHint")}</p>
      ${manager ? html`<p class="hint">${t("cabinets.provisioningHint")}</p>` : nothing}
    </section>`;
  }

  private renderRoster(c: Cabinet) {
    const current = this.rosterVersions.get(c.villageId);
    const state = rosterState(c.rosterVersion, current);
    const text =
      state === "unknown"
        ? t("cabinets.rosterUnknown", { held: String(c.rosterVersion) })
        : state === "current"
          ? t("cabinets.rosterCurrent", { version: String(c.rosterVersion) })
          : c.rosterVersion === 0n
            ? t("cabinets.rosterNone", { current: String(current) })
            : t("cabinets.rosterBehind", { held: String(c.rosterVersion), current: String(current) });
    return html`<p class="row-sub">
      <span class="chip wrap ${state === "behind" ? "bad" : state === "current" ? "good" : ""}" data-testid="roster" data-state=${state}
        data-held=${String(c.rosterVersion)} data-current=${current === undefined ? "" : String(current)}>${text}</span>
    </p>`;
  }

  private renderManagement(c: Cabinet, technician: boolean) {
    if (this.managing !== c.deviceId) {
      return html`<button data-testid="manage" @click=${() => this.manage(c.deviceId)}>${t("cabinets.manage")}</button>`;
    }
    const reasonGiven = this.reason.trim().length > 0;
    return html`<div class="manage">
      <label>${t("cabinets.reason")}
        <textarea data-testid="manage-reason" rows="2" maxlength="500" .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <button class="danger" data-testid=${this.confirming ? "decommission-confirm" : "decommission"} ?disabled=${this.busy || !reasonGiven}
        @click=${() => this.decommission(c)}>
        ${this.confirming ? t("cabinets.decommissionConfirm", { name: c.name }) : t("cabinets.decommission")}
      </button>
      ${technician
        ? html`<button data-testid="chain-restart" ?disabled=${this.busy || !reasonGiven} @click=${() => this.authorizeChainRestart(c)}>
            ${t("cabinets.chainRestart")}
          </button>`
        : nothing}
      <button class="link" data-testid="manage-cancel" @click=${() => this.manage(c.deviceId)}>${t("cabinets.manageClose")}</button>
    </div>`;
  }
}
