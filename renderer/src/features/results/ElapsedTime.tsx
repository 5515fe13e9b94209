import { useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';
import { clockReading } from './clockReading';

/** "Running… 2.3 s", counting from `startedAt` (performance.now()); only this text re-renders as it counts. */
export function ElapsedTime({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => performance.now());
  const { seconds, changesInMs } = clockReading(now - startedAt);
  useEffect(() => {
    // The next change of the shown text, not a fixed tick: nothing repaints in between.
    const timer = setTimeout(() => setNow(performance.now()), changesInMs);
    return () => clearTimeout(timer);
  }, [seconds, changesInMs]);
  return <span className="elapsed-time">{t('results.runningFor', { seconds })}</span>;
}
