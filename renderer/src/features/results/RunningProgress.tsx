import { useEffect, useState } from 'react';
import type { Engine } from '../../engine/engine';
import { percentFormat, t } from '../../i18n/i18n';
import { useAppState } from '../../state/appStore';
import { selectEngine } from '../../state/engineSlice';
import { askAgainInMs } from './clockReading';
import { ElapsedTime } from './ElapsedTime';
import './runningProgress.css';

/** How often the engine is asked how far the statement has got, for the first seconds (askAgainInMs). */
const pollMs = 250;

/**
 * How far the running statement has got (0..1), asked of the engine until the component goes;
 * null while the engine cannot tell. One question at a time: a slow answer never piles up others.
 */
function useQueryProgress(engine: Engine, startedAt: number): number | null {
  const [fraction, setFraction] = useState<number | null>(null);
  useEffect(() => {
    // A new statement (Run all's next one) starts from nothing, never from the last one's figure.
    setFraction(null);
    const ask = engine.queryProgress?.bind(engine);
    if (!ask) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      const now = await ask().catch(() => null);
      if (stopped) return;
      setFraction(now);
      timer = setTimeout(() => void poll(), askAgainInMs(performance.now() - startedAt, pollMs));
    };
    timer = setTimeout(() => void poll(), pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [engine, startedAt]);
  return fraction;
}

/**
 * "Running… 1.2 s · 43 %" while a statement runs: the elapsed time, and DuckDB's progress where
 * the engine gives it. Only the time otherwise: the in-app engine has no progress to give, and
 * DuckDB reports none (0) for some statements (a scan of `range`), where a bar stuck at 0 % would say
 * less than the clock.
 */
export function RunningProgress({ startedAt }: { startedAt: number }) {
  const engine = useAppState(selectEngine);
  const fraction = useQueryProgress(engine, startedAt);
  const shown = fraction !== null && fraction > 0;
  // Whole percents, rounded down: 100 % is said only of a statement that has finished its work.
  const percent = shown ? percentFormat.format(Math.floor(fraction * 100) / 100) : '';
  return (
    <>
      <ElapsedTime startedAt={startedAt} />
      {shown ? (
        <>
          {' · '}
          <progress className="results-progress" max={1} value={fraction} aria-label={t('results.progress')} aria-valuetext={percent} />
          <span className="results-progress-percent">{percent}</span>
        </>
      ) : null}
    </>
  );
}
