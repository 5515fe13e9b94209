import { useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';

/** How often the time shown while a statement runs moves on. */
const tickMs = 100;

/** "Running… 2.3 s", counting from `startedAt` (performance.now()); only this text re-renders as it counts. */
export function ElapsedTime({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), tickMs);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor(Math.max(0, now - startedAt) / 100) / 10;
  return <span className="elapsed-time">{t('results.runningFor', { seconds })}</span>;
}
