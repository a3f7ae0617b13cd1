// The console's shell: who is signed in, the hash route, the navigation their roles open, the language switch and
// the live connection indicator.
import { LitElement, html, nothing, type TemplateResult } from "lit";
import { customElement, state } from "lit/decorators.js";
import { Code, ConnectError } from "@connectrpc/connect";
import { sessions } from "./api";
import { Role } from "./gen/sealcabinet/v1/common_pb";
import type { Session } from "./gen/sealcabinet/v1/sessions_pb";
import { hasRole } from "./format";
import { language, languageEvent, setLanguage, t } from "./i18n/i18n";
import type { Key } from "./i18n/strings";
import { LiveNotifications, liveStateEvent, type LiveState } from "./live";
import { personUpdatedEvent, signedInEvent, type SignedIn } from "./screen";
import type { Person } from "./gen/sealcabinet/v1/organization_pb";
import "./screens/sign-in";
import "./screens/enrol";
import "./screens/new-request";
import "./screens/request-list";
import "./screens/request-detail";

interface NavItem {
  route: string;
  key: Key;
  roles: Role[];
}

// My passkeys: everyone who signs in can see their passkeys' fingerprints and whether they are endorsed.
const everyone = [Role.CUSTODIAN, Role.APPROVER, Role.SUPERVISOR, Role.TECHNICIAN, Role.ADMINISTRATOR];

const nav: NavItem[] = [
  { route: "inbox", key: "nav.inbox", roles: [Role.APPROVER] },
  { route: "requests/new", key: "nav.newRequest", roles: [Role.CUSTODIAN] },
  { route: "requests", key: "nav.myRequests", roles: [Role.CUSTODIAN] },
  { route: "cabinet-pin", key: "nav.cabinetPin", roles: [Role.CUSTODIAN] },
  { route: "anomalies", key: "nav.anomalies", roles: [Role.SUPERVISOR] },
  { route: "statistics", key: "nav.statistics", roles: [Role.SUPERVISOR, Role.ADMINISTRATOR] },
  { route: "ledger", key: "nav.ledger", roles: [Role.SUPERVISOR, Role.ADMINISTRATOR] },
  { route: "people", key: "nav.people", roles: [Role.ADMINISTRATOR] },
  { route: "villages", key: "nav.villages", roles: [Role.ADMINISTRATOR] },
  { route: "cabinets", key: "nav.cabinets", roles: [Role.TECHNICIAN, Role.SUPERVISOR, Role.ADMINISTRATOR] },
  // Last: a person's home is the first item their roles open, never this one.
  { route: "passkeys", key: "nav.passkeys", roles: everyone },
];

// Heavier screens load on first use, so the approver's inbox on a slow phone line needs only the core.
const lazyScreens: Record<string, () => Promise<unknown>> = {
  anomalies: () => import("./screens/anomalies"),
  statistics: () => import("./screens/statistics"),
  ledger: () => import("./screens/ledger"),
  people: () => import("./screens/people"),
  cabinets: () => import("./screens/cabinets"),
  villages: () => import("./screens/villages"),
  "cabinet-pin": () => import("./screens/cabinet-pin"),
  passkeys: () => import("./screens/my-passkeys"),
};

@customElement("sc-app")
export class App extends LitElement {
  @state() private session: Session | undefined;
  @state() private route = "";
  @state() private checked = false;
  @state() private live: LiveState = "stopped";
  @state() private loaded = new Set<string>();
  private readonly notifications = new LiveNotifications();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", () => this.navigate());
    window.addEventListener(languageEvent, () => this.requestUpdate());
    window.addEventListener(liveStateEvent, (e) => (this.live = (e as CustomEvent<LiveState>).detail));
    window.addEventListener("sc-signed-out", () => this.signedOut());
    window.addEventListener(signedInEvent, (e) => {
      const { session, route } = (e as CustomEvent<SignedIn>).detail;
      this.signedIn(session!, true, route);
    });
    window.addEventListener(personUpdatedEvent, (e) => this.personUpdated((e as CustomEvent<Person>).detail));
    this.navigate();
    void this.restore();
  }

  private async restore(): Promise<void> {
    try {
      this.signedIn((await sessions.getSession({})).session!, false);
    } catch (error) {
      if (ConnectError.from(error).code !== Code.Unauthenticated) {
        console.warn("session check failed", error);
      }
    } finally {
      this.checked = true;
      this.navigate();
    }
  }

  private signedIn(session: Session, go = true, route?: string): void {
    this.session = session;
    this.notifications.start(() => this.signedOut());
    if (go || this.route === "sign-in" || this.route === "") {
      location.hash = "#/" + (route ?? this.home());
    }
  }

  /** A screen changed the signed-in person (answers of changes carry no passkey count: the session's is kept). */
  private personUpdated(person: Person): void {
    if (this.session?.person?.personId === person.personId) {
      this.session = { ...this.session, person: { ...person, passkeyCount: this.session.person.passkeyCount } };
    }
  }

  private signedOut(): void {
    this.notifications.stop();
    this.session = undefined;
    if (!this.route.startsWith("enrol/")) {
      location.hash = "#/sign-in";
    }
  }

  private async signOut(): Promise<void> {
    try {
      await sessions.signOut({});
    } finally {
      this.signedOut();
    }
  }

  private home(): string {
    return nav.find((n) => n.roles.some((r) => hasRole(this.session?.person, r)))?.route ?? "requests";
  }

  private navigate(): void {
    this.route = location.hash.replace(/^#\/?/, "");
    const lazy = lazyScreens[this.route.split("/")[0]];
    if (lazy && !this.loaded.has(this.route)) {
      void lazy().then(() => (this.loaded = new Set([...this.loaded, this.route])));
    }
    if (this.checked && !this.session && !this.route.startsWith("enrol/") && this.route !== "sign-in") {
      location.hash = "#/sign-in";
    }
  }

  override render(): TemplateResult {
    const person = this.session?.person;
    return html`
      <header class="bar">
        <span class="brand">${t("app.title")}</span>
        ${person
          ? html`<span class="live" data-testid="live" data-state=${this.live} title=${t(`live.${this.live}` as Key)}
              ><span class="dot" aria-hidden="true"></span><span class="live-text">${t(`live.${this.live}` as Key)}</span></span
            >`
          : nothing}
        <button class="link" data-testid="language" @click=${() => setLanguage(language() === "en" ? "zh-CN" : "en")}>
          ${t("app.otherLanguage")}
        </button>
        ${person
          ? html`<button class="link" data-testid="sign-out" @click=${() => this.signOut()}>${t("app.signOut")}</button>`
          : nothing}
      </header>
      ${person
        ? html`<nav aria-label=${t("nav.label")}>
            ${nav
              .filter((n) => n.roles.some((r) => hasRole(person, r)))
              .map((n) => html`<a href="#/${n.route}" aria-current=${this.route === n.route ? "page" : "false"}>${t(n.key)}</a>`)}
          </nav>`
        : nothing}
      <main>${this.screen()}</main>
    `;
  }

  private screen(): TemplateResult {
    const [first, second] = this.route.split("/");
    if (first === "enrol" && second) {
      return html`<sc-enrol .code=${decodeURIComponent(second)}></sc-enrol>`;
    }
    if (!this.session) {
      return this.checked ? html`<sc-sign-in></sc-sign-in>` : html`<p>${t("app.loading")}</p>`;
    }
    switch (first) {
      case "inbox":
        return html`<sc-request-list .session=${this.session} mode="inbox"></sc-request-list>`;
      case "requests":
        if (second === "new") {
          return html`<sc-new-request .session=${this.session}></sc-new-request>`;
        }
        if (second) {
          return html`<sc-request-detail .session=${this.session} .requestId=${second}></sc-request-detail>`;
        }
        return html`<sc-request-list .session=${this.session} mode="mine"></sc-request-list>`;
      case "anomalies":
        return html`<sc-anomalies .session=${this.session}></sc-anomalies>`;
      case "statistics":
        return html`<sc-statistics .session=${this.session}></sc-statistics>`;
      case "ledger":
        return html`<sc-ledger .session=${this.session}></sc-ledger>`;
      case "people":
        return html`<sc-people .session=${this.session}></sc-people>`;
      case "cabinets":
        return html`<sc-cabinets .session=${this.session}></sc-cabinets>`;
      case "villages":
        return html`<sc-villages .session=${this.session}></sc-villages>`;
      case "cabinet-pin":
        return html`<sc-cabinet-pin .session=${this.session}></sc-cabinet-pin>`;
      case "passkeys":
        return html`<sc-my-passkeys .session=${this.session}></sc-my-passkeys>`;
      default:
        return html`<sc-request-list .session=${this.session} mode=${hasRole(this.session.person, Role.APPROVER) ? "inbox" : "mine"}></sc-request-list>`;
    }
  }
}
