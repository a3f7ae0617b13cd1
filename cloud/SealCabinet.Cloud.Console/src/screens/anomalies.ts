import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { audit } from "../api";
import { AnomalyStatus, type Anomaly } from "../gen/sealcabinet/v1/audit_pb";
import { NotificationKind, type Notification } from "../gen/sealcabinet/v1/notifications_pb";
import { time } from "../format";
import { t } from "../i18n/i18n";
import { Screen } from "../screen";

/** Supervisor: live alarms, and the anomalies to acknowledge or resolve — each with a note saying what was done. */
@customElement("sc-anomalies")
export class Anomalies extends Screen {
  @state() private items: Anomaly[] = [];
  @state() private alarms: Notification[] = [];
  @state() private notes = new Map<string, string>();

  protected override async refresh(): Promise<void> {
    await this.run(async () => {
      this.items = (await audit.listAnomalies({ statuses: [AnomalyStatus.OPEN, AnomalyStatus.ACKNOWLEDGED], page: { pageSize: 200 } })).anomalies;
    });
  }

  protected override notified(n: Notification): void {
    if (n.kind === NotificationKind.ALARM || n.kind === NotificationKind.SECURITY_EVENT) {
      this.alarms = [n, ...this.alarms].slice(0, 20);
    }
    if (n.kind === NotificationKind.ANOMALY || n.kind === NotificationKind.ALARM) {
      void this.refresh();
    }
  }

  private async changeStatus(a: Anomaly, status: AnomalyStatus): Promise<void> {
    const note = (this.notes.get(a.anomalyId) ?? "").trim();
    await this.run(async () => {
      const updated = (await audit.updateAnomaly({ anomalyId: a.anomalyId, status, note })).anomaly!;
      this.items = this.items.map((x) => (x.anomalyId === a.anomalyId ? updated : x)).filter((x) => x.status !== AnomalyStatus.RESOLVED);
      this.notes.delete(a.anomalyId);
    });
  }

  override render() {
    return html`<section class="card">
      <h1>${t("anomalies.title")}</h1>
      ${this.alarms.length > 0
        ? html`<h2>${t("anomalies.alarms")}</h2>
            <ul class="rows">
              ${this.alarms.map((n) => html`<li class="alarm" role="alert" data-testid="alarm" data-device-id=${n.deviceId}>${time(n.time)} · ${n.title} ${n.body}</li>`)}
            </ul>`
        : nothing}
      ${this.renderProblem()}
      ${this.items.length === 0 && !this.busy ? html`<p data-testid="empty">${t("anomalies.none")}</p>` : nothing}
      <ul class="rows">
        ${this.items.map((a) => {
          const note = this.notes.get(a.anomalyId) ?? "";
          return html`<li class="anomaly" data-testid="anomaly-row" data-anomaly-id=${a.anomalyId} data-rule=${a.rule} data-status=${AnomalyStatus[a.status]}>
            <p class="row-main">${a.rule} · ${a.villageId}${a.deviceId ? ` · ${a.deviceId}` : ""}</p>
            <p>${a.summary}</p>
            <p class="row-sub">${time(a.detectedTime)} · ${t(a.status === AnomalyStatus.OPEN ? "anomalies.open" : "anomalies.acknowledged")}
              ${a.requestId ? html` · <a href="#/requests/${a.requestId}">${t("anomalies.request")}</a>` : nothing}</p>
            <label>${t("anomalies.note")}
              <input data-testid="anomaly-note" .value=${note} @input=${(e: Event) => (this.notes = new Map(this.notes).set(a.anomalyId, (e.target as HTMLInputElement).value))} />
            </label>
            <div class="actions inline">
              ${a.status === AnomalyStatus.OPEN
                ? html`<button data-testid="acknowledge" ?disabled=${this.busy || !note.trim()} @click=${() => this.changeStatus(a, AnomalyStatus.ACKNOWLEDGED)}>${t("anomalies.acknowledge")}</button>`
                : nothing}
              <button data-testid="resolve" ?disabled=${this.busy || !note.trim()} @click=${() => this.changeStatus(a, AnomalyStatus.RESOLVED)}>${t("anomalies.resolve")}</button>
            </div>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}
