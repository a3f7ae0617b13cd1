import { html, nothing, svg } from "lit";
import { customElement, state } from "lit/decorators.js";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { audit } from "../api";
import type { GetStatisticsResponse, LatencySummary, StampingCount } from "../gen/sealcabinet/v1/audit_pb";
import { Role } from "../gen/sealcabinet/v1/common_pb";
import { saveFile, toCsv } from "../format";
import { t } from "../i18n/i18n";
import type { Key } from "../i18n/strings";
import { Screen } from "../screen";

interface Scope {
  villageId: string;
  townId: string;
  label: string;
}

function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Supervisor: stampings per seal kind, matter and custodian, outcomes, latency and uptime for a scope and period. */
@customElement("sc-statistics")
export class Statistics extends Screen {
  @state() private scope = 0;
  @state() private from = day(-30);
  @state() private to = day(1);
  @state() private figures: GetStatisticsResponse | undefined;

  /** The villages and towns the person supervises or administers, each once. */
  private scopes(): Scope[] {
    const seen = new Map<string, Scope>();
    for (const r of this.session?.person?.roles ?? []) {
      if ((r.role === Role.SUPERVISOR || r.role === Role.ADMINISTRATOR) && (r.villageId || r.townId)) {
        const label = r.villageId ? t("scope.village", { id: r.villageId }) : t("scope.town", { id: r.townId });
        seen.set(label, { villageId: r.villageId, townId: r.townId, label });
      }
    }
    return [...seen.values()];
  }

  protected override async refresh(): Promise<void> {
    const scope = this.scopes()[this.scope];
    if (!scope) {
      return;
    }
    await this.run(async () => {
      this.figures = await audit.getStatistics({
        villageId: scope.villageId,
        townId: scope.townId,
        from: timestampFromDate(new Date(this.from)),
        to: timestampFromDate(new Date(this.to)),
      });
    });
  }

  private exportCsv(name: string, rows: StampingCount[]): void {
    const csv = toCsv([t("stats.key"), t("stats.stampings"), t("stats.presses")], rows.map((r) => [r.key, Number(r.stampings), Number(r.presses)]));
    saveFile(URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" })), `${name}-${this.from}-${this.to}.csv`);
  }

  private table(name: string, title: Key, rows: StampingCount[]) {
    const max = Math.max(1, ...rows.map((r) => Number(r.stampings)));
    return html`<section class="figure" data-testid="stats-${name}">
      <h2>${t(title)}</h2>
      ${rows.length > 0
        ? html`<svg class="bars" role="img" aria-label=${t(title)} viewBox="0 0 300 ${rows.length * 22}" width="100%">
            ${rows.map(
              (r, i) => svg`<g transform="translate(0 ${i * 22})">
                <rect x="110" y="3" height="16" width=${(Number(r.stampings) / max) * 170} class="bar"></rect>
                <text x="105" y="15" text-anchor="end">${r.key.slice(0, 16)}</text>
                <text x=${115 + (Number(r.stampings) / max) * 170} y="15">${Number(r.stampings)}</text></g>`,
            )}
          </svg>`
        : nothing}
      <table>
        <thead><tr><th scope="col">${t("stats.key")}</th><th scope="col">${t("stats.stampings")}</th><th scope="col">${t("stats.presses")}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${r.key}</td><td>${Number(r.stampings)}</td><td>${Number(r.presses)}</td></tr>`)}</tbody>
      </table>
      <button class="link" data-testid="csv-${name}" @click=${() => this.exportCsv(name, rows)}>${t("stats.csv")}</button>
    </section>`;
  }

  private latency(title: Key, l: LatencySummary | undefined) {
    return html`<tr><th scope="row">${t(title)}</th><td>${l ? Number(l.count) : 0}</td><td>${l ? l.medianSeconds.toFixed(0) : "—"}</td><td>${l ? l.p90Seconds.toFixed(0) : "—"}</td></tr>`;
  }

  override render() {
    const scopes = this.scopes();
    const f = this.figures;
    return html`<section class="card">
      <h1>${t("stats.title")}</h1>
      ${scopes.length === 0 ? html`<p>${t("stats.noScope")}</p>` : nothing}
      <form class="filters" @submit=${(e: Event) => { e.preventDefault(); void this.refresh(); }}>
        ${scopes.length > 1
          ? html`<label>${t("stats.scope")}<select @change=${(e: Event) => (this.scope = Number((e.target as HTMLSelectElement).value))}>
              ${scopes.map((s, i) => html`<option value=${i}>${s.label}</option>`)}</select></label>`
          : nothing}
        <label>${t("stats.from")}<input type="date" .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></label>
        <label>${t("stats.to")}<input type="date" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></label>
        <button type="submit" ?disabled=${this.busy}>${t("stats.show")}</button>
      </form>
      ${this.renderProblem()}
      ${f
        ? html`${this.table("seal-kind", "stats.bySealKind", f.bySealKind)} ${this.table("matter", "stats.byMatter", f.byMatter)}
            ${this.table("custodian", "stats.byCustodian", f.byCustodian)}
            <section class="figure"><h2>${t("stats.outcomes")}</h2>
              <table><tbody>${f.byOutcome.map((o) => html`<tr><th scope="row">${o.state}</th><td>${Number(o.count)}</td></tr>`)}</tbody></table></section>
            <section class="figure"><h2>${t("stats.latency")}</h2>
              <table><thead><tr><th scope="col"></th><th scope="col">${t("stats.samples")}</th><th scope="col">${t("stats.median")}</th><th scope="col">${t("stats.p90")}</th></tr></thead>
                <tbody>${this.latency("stats.submitToApprove", f.submitToApprove)}${this.latency("stats.approveToStamp", f.approveToStamp)}</tbody></table></section>
            <section class="figure"><h2>${t("stats.uptime")}</h2>
              <table><tbody>${f.uptime.map((u) => html`<tr><th scope="row">${u.deviceId}</th><td>${(u.uptimeRatio * 100).toFixed(1)} %</td></tr>`)}</tbody></table></section>`
        : nothing}
    </section>`;
  }
}
