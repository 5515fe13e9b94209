/**
 * Runs `work` once the frame being prepared has been painted: for what the user is not waiting
 * for (the history entry of a run whose result is about to show), so it never delays that paint.
 * A hidden page paints no frames, so there it runs at once.
 */
export function afterPaint(work: () => void): void {
  if (document.visibilityState === 'hidden') {
    work();
    return;
  }
  // The animation frame comes before the paint; a task queued from it runs after.
  requestAnimationFrame(() => setTimeout(work, 0));
}
