import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { matterNamesByCode, requests } from "../api";
import { Role } from "../gen/sealcabinet/v1/common_pb";
import type { Notification } from "../gen/sealcabinet/v1/notifications_pb";
import { NotificationKind } from "../gen/sealcabinet/v1/notifications_pb";
import { RequestState, type SealRequest } from "../gen/sealcabinet/v1/requests_pb";
import { sealKindKey, stateKey, stateName, time } from "../format";
import { t } from "../i18n/i18n";
import { Screen } from "../screen";

const pageSize = 50;

/** The approver's inbox (waiting for their decision) or the custodian's own requests; both update live, 50 at a time. */
@customElement("sc-request-list")
export class RequestList extends Screen {
  @property() mode: "inbox" | "mine" = "mine";
  @state() private items: SealRequest[] = [];
  @state() private matters = new Map<string, string>();
  @state() private notice: Notification | undefined;
  @state() private nextToken = "";

  protected override async refresh(): Promise<void> {
    await this.run(async () => {
      this.matters = await matterNamesByCode();
      const page = await this.page("");
      this.items = page.items;
      this.nextToken = page.next;
    });
  }

  private async loadMore(): Promise<void> {
    await this.run(async () => {
      const page = await this.page(this.nextToken);
      this.items = [...this.items, ...page.items.filter((r) => !this.items.some((i) => i.requestId === r.requestId))];
      this.nextToken = page.next;
    });
  }

  /** One page, newest first: the inbox asks for waiting requests and keeps those this approver may decide. */
  private async page(pageToken: string): Promise<{ items: SealRequest[]; next: string }> {
    const me = this.session?.person;
    if (this.mode === "inbox") {
      const approves = new Set(me?.roles.filter((r) => r.role === Role.APPROVER).map((r) => r.sealKind));
      const waiting = await requests.listRequests({ states: [RequestState.SUBMITTED], page: { pageSize: pageSize, pageToken } });
      return {
        items: waiting.requests.filter((r) => approves.has(r.sealKind) && r.custodianId !== me?.personId && !r.decisions.some((d) => d.approverId === me?.personId)),
        next: waiting.page?.nextPageToken ?? "",
      };
    }
    const mine = await requests.listRequests({ custodianId: me?.personId ?? "", page: { pageSize: pageSize, pageToken } });
    return { items: mine.requests, next: mine.page?.nextPageToken ?? "" };
  }

  protected override notified(n: Notification): void {
    if (n.kind === NotificationKind.STAMPING_COMPLETED || n.kind === NotificationKind.REQUEST_REJECTED || n.kind === NotificationKind.REQUEST_APPROVED) {
      this.notice = n;
    }
    if (n.requestId) {
      void this.refresh();
    }
  }

  override render() {
    return html`<section class="card">
      <h1>${this.mode === "inbox" ? t("inbox.title") : t("mine.title")}</h1>
      ${this.notice
        ? html`<p class="notice" role="status" data-testid="notice">
            <a href="#/requests/${this.notice.requestId}">${this.notice.title}</a> ${this.notice.body}
          </p>`
        : nothing}
      ${this.renderProblem()}
      ${this.mode === "mine" && this.session?.person && !this.session.person.cabinetPinSet
        ? html`<p class="status bad" data-testid="pin-missing">${t("mine.noPin")} <a class="action" href="#/cabinet-pin">${t("mine.setPin")}</a></p>`
        : nothing}
      ${this.items.length === 0 && !this.busy ? html`<p data-testid="empty">${this.mode === "inbox" ? t("inbox.empty") : t("mine.empty")}</p>` : nothing}
      <ul class="rows">
        ${this.items.map(
          (r) => html`<li data-testid="request-row" data-request-id=${r.requestId}>
            <a href="#/requests/${r.requestId}">
              <span class="row-main">${r.applicantName} · ${this.matters.get(r.matterCode) ?? r.matterCode}</span>
              <span class="row-sub">${t(sealKindKey(r.sealKind))} · ${r.villageId} · ${time(r.submittedTime)}</span>
            </a>
            <span class="chip" data-testid="request-status" data-state=${stateName(r.state)}>${t(stateKey(r.state))}</span>
          </li>`,
        )}
      </ul>
      ${this.nextToken
        ? html`<button data-testid="load-more" ?disabled=${this.busy} @click=${() => this.loadMore()}>${t("list.loadMore")}</button>`
        : nothing}
    </section>`;
  }
}
