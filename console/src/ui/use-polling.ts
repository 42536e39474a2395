import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `refresh` every `intervalMs` while the tab is visible and `enabled`, and once when the tab
 * comes back into view. Never two at a time; nothing is called after the component is gone, so a
 * page left mid-refresh just lets its last request finish unseen (never aborted).
 */
export function usePolling(refresh: () => Promise<unknown>, intervalMs: number, enabled = true): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let busy = false;
    let gone = false;
    const tick = async () => {
      if (busy || gone || document.visibilityState !== 'visible') return;
      busy = true;
      try {
        await latest.current();
      } finally {
        busy = false;
      }
    };
    const timer = window.setInterval(() => void tick(), intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      gone = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}
