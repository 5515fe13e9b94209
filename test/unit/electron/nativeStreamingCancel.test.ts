/**
 * Cancelling a native statement whose rows are still being stored: the result must say it is
 * incomplete, and why, rather than complete with whatever count it had reached.
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

type Status = { rowCount: number; complete: boolean; error: string | null };

it('a streaming result interrupted while it is stored reports the interrupt, not completion', async () => {
  const response = await send('POST', '/api/native/statements', { sql: 'SELECT * FROM range(1000000000000)' });
  expect(response.status).toBe(200);
  expect(response.headers.get('X-Result-Complete')).toBe('false');
  const id = Number(response.headers.get('X-Result-Id'));
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await (await send('POST', '/api/native/interrupt', {})).json()).toEqual({ interrupted: true });
  const status = (await (await call(`/api/native/results/${id}/status?wait=5000`)).json()) as Status;
  expect(status.complete).toBe(true);
  expect(status.rowCount).toBeGreaterThan(0);
  expect(status.rowCount).toBeLessThan(1_000_000_000_000);
  expect(status.error).toMatch(/interrupt/i);
});
