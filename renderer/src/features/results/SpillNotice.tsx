import { useEffect, useState } from 'react';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { askAgainInMs } from './clockReading';

/** How often the spill folder's size is asked while a statement runs, for the first seconds (askAgainInMs). */
const pollMs = 500;

/**
 * While the native engine works past its memory limit it writes to its spill folder: the results
 * panel says so, with the folder's size, so a slow statement is seen to be spilling rather than
 * stuck. Nothing is shown while the folder is empty or no statement runs.
 */
export function SpillNotice({ active }: { active: boolean }) {
  const [bytes, setBytes] = useState(0);
  useEffect(() => {
    if (!active) {
      setBytes(0);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const since = performance.now();
    const ask = async (): Promise<void> => {
      const now = await hostClient.spillBytes().catch(() => 0);
      if (stopped) return;
      setBytes(now);
      timer = setTimeout(() => void ask(), askAgainInMs(performance.now() - since, pollMs));
    };
    // First asked after pollMs, not at once: most statements are over by then, and a request to the
    // host as their rows are painted only competes with painting them.
    timer = setTimeout(() => void ask(), pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active]);
  if (!active || bytes === 0) return null;
  return (
    <p className="results-spill" role="status">
      {t('results.spilling', { size: { bytes } })}
    </p>
  );
}
