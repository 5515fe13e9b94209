/**
 * Runs `work` once the frame being prepared has been painted: for what the user is not waiting
 * for (the history entry of a run whose result is about to show), so it never delays that paint.
 *
 * A hidden page paints no frames, so there it runs at once. Work still waiting for its frame when
 * the page is hidden or goes away (`visibilitychange` to hidden, `pagehide`) runs then, at once:
 * a page closed or reloaded within a frame of a run's end would otherwise never write its entry.
 * `pageMayGo` tells the work so, and its requests should outlive the page (`keepalive`).
 */
/** Work waiting for its frame, in the order it came. */
const waiting = new Set<(pageMayGo: boolean) => void>();
let listening = false;

export function afterPaint(work: (pageMayGo: boolean) => void): void {
  if (document.visibilityState === 'hidden') {
    work(true);
    return;
  }
  listenForLeaving();
  const run = (pageMayGo: boolean): void => {
    // Once only: from its frame, or from the page going away, whichever comes first.
    if (waiting.delete(run)) work(pageMayGo);
  };
  waiting.add(run);
  // The animation frame comes before the paint; a task queued from it runs after.
  requestAnimationFrame(() => setTimeout(() => run(false), 0));
}

function listenForLeaving(): void {
  if (listening) return;
  listening = true;
  const runWaiting = (): void => {
    for (const run of [...waiting]) run(true);
  };
  window.addEventListener('pagehide', runWaiting);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') runWaiting();
  });
}
