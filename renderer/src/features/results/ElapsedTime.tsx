import { useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';

/**
 * How the time shown while a statement runs moves on: tenths of a second at first, whole seconds
 * after `tenthsForMs`. A long statement is one the engine needs every core for; a clock repainted
 * ten times a second took about a tenth of a core from it on a two-core machine (measured on the
 * spill case, docs/performance.md).
 */
const tenthsForMs = 10_000;

/** "Running… 2.3 s", counting from `startedAt` (performance.now()); only this text re-renders as it counts. */
export function ElapsedTime({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => performance.now());
  const elapsed = Math.max(0, now - startedAt);
  const step = elapsed < tenthsForMs ? 100 : 1_000;
  useEffect(() => {
    // The next change of the shown text, not a fixed tick: nothing repaints in between.
    const timer = setTimeout(() => setNow(performance.now()), step - (elapsed % step));
    return () => clearTimeout(timer);
  }, [elapsed, step]);
  const seconds = Math.floor(elapsed / step) * (step / 1_000);
  return <span className="elapsed-time">{t('results.runningFor', { seconds })}</span>;
}
