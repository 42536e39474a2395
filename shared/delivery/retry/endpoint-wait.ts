import type { WaitReason } from '../endpoint/endpoint-state.js';

/**
 * How long a message whose endpoint could not take it now waits before it is seen again. Nothing
 * was attempted, so the retry schedule is untouched; `waitMs` is what the endpoint asked for.
 *
 * - an open circuit: until it may be probed, spread over a second so the held deliveries do not
 *   all come back in the same instant;
 * - a probe under way or a full lane (on Lambda): both end within an attempt's time, so look again
 *   sooner than that (between 250 ms and 5 s, spread over a quarter second);
 * - the rate limit: exactly when the next turn is free.
 */
export function endpointWaitDelay(
  reason: WaitReason,
  waitMs: number,
  random: () => number = Math.random,
): number {
  if (reason === 'circuit-open') return waitMs + Math.floor(random() * 1000);
  if (reason === 'circuit-probing' || reason === 'lane-full') {
    return Math.min(Math.max(250, waitMs), 5_000) + Math.floor(random() * 250);
  }
  return Math.max(1, waitMs);
}
