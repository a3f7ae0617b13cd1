import { html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { devices } from "../api";
import { SleeveState, type Cabinet } from "../gen/sealcabinet/v1/devices_pb";
import { NotificationKind, type Notification } from "../gen/sealcabinet/v1/notifications_pb";
import { sealKindKey, time } from "../format";
import { t } from "../i18n/i18n";
import { Screen } from "../screen";

/** Cabinets in the person's scope: online or not, open alarms, the sleeves and their seals. */
@customElement("sc-cabinets")
export class Cabinets extends Screen {
  @state() private items: Cabinet[] = [];

  protected override async refresh(): Promise<void> {
    await this.run(async () => {
      this.items = (await devices.listCabinets({ page: { pageSize: 200 } })).cabinets;
    });
  }

  protected override notified(n: Notification): void {
    if (n.deviceId && (n.kind === NotificationKind.ALARM || n.kind === NotificationKind.STAMPING_COMPLETED)) {
      void this.refresh();
    }
  }

  override render() {
    return html`<section class="card">
      <h1>${t("cabinets.title")}</h1>
      ${this.renderProblem()}
      <ul class="rows">
        ${this.items.map(
          (c) => html`<li data-testid="cabinet-row" data-device-id=${c.deviceId} data-online=${String(c.online)}>
            <p class="row-main">${c.name} · ${c.villageId}</p>
            <p class="row-sub">
              <span class="chip ${c.online ? "good" : "bad"}">${t(c.online ? "cabinets.online" : "cabinets.offline")}</span>
              ${c.openAlarms > 0 ? html`<span class="chip bad" data-testid="open-alarms">${t("cabinets.alarms", { count: c.openAlarms })}</span>` : ""}
              ${t("cabinets.lastEvent")} ${time(c.lastEventTime)}
            </p>
            <ul class="sleeves">
              ${c.sleeves.map((s) => html`<li>${s.number} · ${t(sealKindKey(s.sealKind))} · ${SleeveState[s.state]}</li>`)}
            </ul>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}
