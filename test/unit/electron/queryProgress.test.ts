/**
 * DuckDB's progress of the page's running statement, read through the real native process while
 * that statement runs (GET /api/native/progress, polled by the results panel): it rises between 0
 * and 1, and the read is answered at once, never queued behind the statement.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';

let scratch: ScratchHostCore;
let core: HostCore;
const { call, send } = requestsTo(() => core);

beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ core } = scratch);
});
afterEach(() => scratch.dispose());

const progress = async (): Promise<number | null> => {
  const response = await call('/api/native/progress');
  expect(response.status).toBe(200);
  return ((await response.json()) as { fraction: number | null }).fraction;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A scan of a table with costly work per row, far longer than the test waits on any machine: the
 * test watches the progress rise, then stops the statement. DuckDB reports progress for scans of
 * tables and files; a scan of range() reports none (0 throughout), hence the table.
 */
const tableRows = 20_000_000;
const longStatement = 'SELECT max(md5(md5(md5(i::VARCHAR)))) AS m FROM progress_rows';

it('a long statement reports rising progress between 0 and 1, read within about 100 ms while it runs', { timeout: 90_000 }, async () => {
  const made = await send('POST', '/api/native/statements', { sql: `CREATE TABLE progress_rows AS SELECT range AS i FROM range(${tableRows})` });
  expect(made.status).toBe(200);
  // Nothing runs: nothing to report (never the last statement's figure).
  expect(await progress()).toBeNull();

  let finished = false;
  const statement = send('POST', '/api/native/statements', { sql: longStatement }).finally(() => (finished = true));
  const seen: number[] = [];
  const answerMs: number[] = [];
  const distinctBetween = (): number => new Set(seen.filter((fraction) => fraction > 0 && fraction < 1)).size;
  const deadline = performance.now() + 30_000;
  // Watched until it has risen three times (however fast the machine), then stopped.
  while (!finished && distinctBetween() < 3 && performance.now() < deadline) {
    const asked = performance.now();
    const fraction = await progress();
    if (finished) break;
    answerMs.push(performance.now() - asked);
    if (fraction !== null) seen.push(fraction);
    await pause(100);
  }
  expect(finished, 'the statement ended before its progress was seen rising').toBe(false);
  expect(await (await send('POST', '/api/native/interrupt', {})).json()).toEqual({ interrupted: true });
  const stopped = await statement;
  expect(stopped.ok).toBe(false);

  // Between 0 and 1, never going back, rising at least three times.
  expect(distinctBetween(), `progress seen: ${seen.join(' ')}`).toBeGreaterThanOrEqual(3);
  for (const fraction of seen) {
    expect(fraction).toBeGreaterThanOrEqual(0);
    expect(fraction).toBeLessThanOrEqual(1);
  }
  for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);

  // Answered while the statement holds the engine: a read of a figure, not a turn in its queue.
  // Most answers come within 100 ms (a few milliseconds here); none waits for the statement to end
  // (a loaded machine may still pause one now and then, hence the looser bound on the slowest).
  const sorted = [...answerMs].sort((a, b) => a - b);
  const answers = `answers in ms: ${answerMs.map(Math.round).join(' ')}`;
  expect(sorted[Math.floor(sorted.length * 0.9)]!, answers).toBeLessThan(100);
  expect(sorted.at(-1)!, answers).toBeLessThan(1_000);

  // Done: nothing to report again.
  expect(await progress()).toBeNull();
});

it('the progress read is answered while a statement without progress runs, and Cancel still stops it', { timeout: 30_000 }, async () => {
  // A scan of range(): DuckDB counts no progress for it, and the statement never ends by itself.
  expect((await send('POST', '/api/native/statements', { sql: 'SELECT 1' })).status).toBe(200);
  let finished = false;
  const statement = send('POST', '/api/native/statements', { sql: 'SELECT count(*) FROM range(100000000000) a' }).finally(() => (finished = true));
  await pause(500);
  const asked = performance.now();
  const fraction = await progress();
  expect(performance.now() - asked).toBeLessThan(500);
  expect(fraction === null || fraction === 0).toBe(true);
  expect(finished).toBe(false);
  expect(await (await send('POST', '/api/native/interrupt', {})).json()).toEqual({ interrupted: true });
  const stopped = await statement;
  expect(stopped.ok).toBe(false);
  expect(((await stopped.json()) as { error: string }).error).toMatch(/Interrupt/i);
  expect(await progress()).toBeNull();
});
