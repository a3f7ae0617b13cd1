// Base of every screen: light DOM (the page's one stylesheet applies, tests and axe see plain elements), re-render on
// a language switch, and one way to run a call that shows a clear message and never leaves a button half-pressed.
import { LitElement, html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { problemOf, type Problem } from "./api";
import type { Session } from "./gen/sealcabinet/v1/sessions_pb";
import { languageEvent, t } from "./i18n/i18n";
import { notificationEvent, liveStateEvent } from "./live";
import type { Notification } from "./gen/sealcabinet/v1/notifications_pb";

/** The signed-in person changed (e.g. their cabinet PIN is now set): the shell takes the new copy for every screen. */
export const personUpdatedEvent = "sc-person-updated";

/** A sign-in or an enrolment finished: the shell takes the session and goes to `route`, or else to the person's home. */
export const signedInEvent = "sc-signed-in";

export interface SignedIn {
  session: Session | undefined;
  route?: string;
}

export abstract class Screen extends LitElement {
  @property({ attribute: false }) session: Session | undefined;
  @state() protected busy = false;
  @state() protected problem: Problem | undefined;

  private readonly rerender = () => this.requestUpdate();
  private readonly onNotification = (e: Event) => this.notified((e as CustomEvent<Notification>).detail);
  private readonly onLiveState = (e: Event) => {
    if ((e as CustomEvent<string>).detail === "connected") {
      void this.refresh();
    }
  };

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(languageEvent, this.rerender);
    window.addEventListener(notificationEvent, this.onNotification);
    window.addEventListener(liveStateEvent, this.onLiveState);
    // After the first update: a screen whose module loaded late was upgraded in place, and lit hands it the
    // properties set before the upgrade (the session) only then.
    void this.updateComplete.then(() => this.refresh());
  }

  override disconnectedCallback(): void {
    window.removeEventListener(languageEvent, this.rerender);
    window.removeEventListener(notificationEvent, this.onNotification);
    window.removeEventListener(liveStateEvent, this.onLiveState);
    super.disconnectedCallback();
  }

  /** Loads the screen's data; called on connect and whenever the live stream (re)connects. */
  protected async refresh(): Promise<void> {}

  /** A live notification arrived; screens refresh what it touches. */
  protected notified(_notification: Notification): void {}

  /** Runs a call with the buttons disabled; a failure becomes the screen's message. Returns false on failure. */
  protected async run(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) {
      return false;
    }
    this.busy = true;
    this.problem = undefined;
    try {
      await action();
      return true;
    } catch (error) {
      this.problem = problemOf(error);
      if (this.problem.key === "error.signedOut") {
        window.dispatchEvent(new CustomEvent("sc-signed-out"));
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  protected renderProblem() {
    if (!this.problem) {
      return nothing;
    }
    return html`<p class="error" role="alert" data-testid="error">
      ${t(this.problem.key)}${this.problem.detail ? html`<br /><span class="detail">${this.problem.detail}</span>` : nothing}
    </p>`;
  }
}
