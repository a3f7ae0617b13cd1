// Kept apart from live.ts, which opens the service's transport when loaded, so the rule is testable on its own.

/** Backoff of the live stream after the nth consecutive failure: 1 s, 2 s, 4 s … at most 15 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(0, failures - 1));
}
