/**
 * The native engine's HTTP API under /api/native: statements, windows of stored results, sorted
 * and filtered views, interrupt and settings. Rows travel as Arrow IPC streams; a result's status
 * travels in headers next to them, and as JSON on its own.
 */
import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { NativeSettingsBody, ResultViewBody } from '../../../shared/contract/hostApi';
import type { DatasetRegistry } from '../datasets/datasetRegistry';
import type { ResultStatus } from './nativeProtocol';
import type { NativeSession } from './nativeSession';

const arrowType = 'application/vnd.apache.arrow.stream';
const ResultIdParam = z.object({ id: z.coerce.number().int().positive() });
const RowsQuery = z.object({ offset: z.coerce.number().int().nonnegative(), limit: z.coerce.number().int().positive().max(100_000) });
const StatusQuery = z.object({ wait: z.coerce.number().int().min(0).max(5_000).optional() });
const SqlBody = z.object({ sql: z.string().min(1).max(5_000_000) });
const StatementId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const ReadBody = SqlBody.extend({ statementId: StatementId.optional() });
const InterruptBody = z.object({ statementId: StatementId.optional() });
const TableName = z.string().min(1).max(128);
const AddTableBody = z.object({ datasetId: z.string().regex(/^[a-z0-9-]{1,64}$/), table: TableName });
const TableParam = z.object({ table: TableName });

type Invalid = Parameters<typeof zValidator>[2];

function statusHeaders(status: ResultStatus): Record<string, string> {
  return {
    'X-Result-Rows': String(status.rowCount),
    'X-Result-Complete': String(status.complete),
    ...(status.error ? { 'X-Result-Error': encodeURIComponent(status.error) } : {}),
  };
}

function arrow(c: Context, bytes: Uint8Array, headers: Record<string, string> = {}): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': arrowType, 'Cache-Control': 'no-store', ...headers });
}

export function nativeRoutes(native: NativeSession, datasets: DatasetRegistry, invalid: Invalid) {
  return new Hono()
    .post('/start', async (c) => {
      await native.ready();
      return c.json({ settings: native.currentSettings });
    })
    .post('/tables', zValidator('json', AddTableBody, invalid), async (c) => {
      const { datasetId, table } = c.req.valid('json');
      await native.addTable(table, datasets.get(datasetId));
      return c.body(null, 204);
    })
    // Only a view over an opened file: tables users make live in the workbench database and are never dropped here.
    .delete('/tables/:table', zValidator('param', TableParam, invalid), async (c) => {
      await native.removeTable(c.req.valid('param').table);
      return c.body(null, 204);
    })
    .put('/settings', zValidator('json', NativeSettingsBody, invalid), async (c) => {
      await native.setSettings(c.req.valid('json'));
      return c.body(null, 204);
    })
    .post('/statements', zValidator('json', SqlBody, invalid), async (c) => {
      const reply = await native.execute(c.req.valid('json').sql);
      return arrow(c, reply.firstRows, {
        ...statusHeaders(reply.status),
        'X-Result-Id': String(reply.resultId),
        'X-Result-Relation': encodeURIComponent(reply.relation),
      });
    })
    .post('/read', zValidator('json', ReadBody, invalid), async (c) => {
      const { sql, statementId } = c.req.valid('json');
      return arrow(c, await native.readAll(sql, statementId));
    })
    // `{}`: stop whatever runs (the Cancel button). With a statement id: only that statement.
    .post('/interrupt', zValidator('json', InterruptBody, invalid), async (c) =>
      c.json({ interrupted: await native.interrupt(c.req.valid('json').statementId) }),
    )
    // While a statement runs (polled by the results panel): DuckDB's progress, 0..1, or null.
    .get('/progress', async (c) => c.json({ fraction: await native.queryProgress() }, 200, { 'Cache-Control': 'no-store' }))
    // `wait`: a long poll, answered as soon as the result is complete.
    .get('/results/:id/status', zValidator('param', ResultIdParam, invalid), zValidator('query', StatusQuery, invalid), async (c) =>
      c.json(await native.status(c.req.valid('param').id, c.req.valid('query').wait ?? 0)),
    )
    .get('/results/:id/rows', zValidator('param', ResultIdParam, invalid), zValidator('query', RowsQuery, invalid), async (c) => {
      const { offset, limit } = c.req.valid('query');
      const reply = await native.rows(c.req.valid('param').id, offset, limit);
      return arrow(c, reply.rows, statusHeaders(reply.status));
    })
    .post('/results/:id/view', zValidator('param', ResultIdParam, invalid), zValidator('json', ResultViewBody, invalid), async (c) =>
      c.json(await native.view(c.req.valid('param').id, c.req.valid('json'))),
    )
    .delete('/results/:id', zValidator('param', ResultIdParam, invalid), async (c) => {
      await native.release(c.req.valid('param').id);
      return c.body(null, 204);
    });
}
