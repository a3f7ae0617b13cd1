// One Notifications.Subscribe stream per signed-in page, resumed after a drop from the last id it saw, so a lost
// connection loses no notification. Screens listen for "sc-notification" on window.
import { Code, ConnectError } from "@connectrpc/connect";
import { notifications } from "./api";
import { retryDelayMs } from "./backoff";
import type { Notification } from "./gen/sealcabinet/v1/notifications_pb";

export type LiveState = "connecting" | "connected" | "reconnecting" | "stopped";

export const notificationEvent = "sc-notification";
export const liveStateEvent = "sc-live-state";

export class LiveNotifications {
  state: LiveState = "stopped";
  private lastId = 0n;
  private abort: AbortController | undefined;

  start(onSignedOut: () => void): void {
    this.stop();
    const abort = new AbortController();
    this.abort = abort;
    void this.run(abort.signal, onSignedOut);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.setState("stopped");
  }

  private async run(signal: AbortSignal, onSignedOut: () => void): Promise<void> {
    let failures = 0;
    this.setState("connecting");
    while (!signal.aborted) {
      try {
        const stream = notifications.subscribe({ afterId: this.lastId }, { signal, onHeader: () => this.setState("connected") });
        for await (const n of stream) {
          failures = 0;
          this.lastId = n.notificationId;
          window.dispatchEvent(new CustomEvent<Notification>(notificationEvent, { detail: n }));
        }
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        if (ConnectError.from(error).code === Code.Unauthenticated) {
          this.setState("stopped");
          onSignedOut();
          return;
        }
      }
      failures++;
      this.setState("reconnecting");
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(failures)));
    }
  }

  private setState(state: LiveState): void {
    this.state = state;
    window.dispatchEvent(new CustomEvent<LiveState>(liveStateEvent, { detail: state }));
  }
}
