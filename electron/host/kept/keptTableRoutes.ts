/** Kept tables under /api/kept-tables: keep one (its rows already uploaded), forget one. */
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { KeepTableBody, KeptTableIdParam } from '../../../shared/contract/keptTablesApi';
import type { KeptTables } from './keptTables';

type Invalid = Parameters<typeof zValidator>[2];

export function keptTableRoutes(kept: KeptTables, invalid: Invalid) {
  return new Hono()
    .post('/', zValidator('json', KeepTableBody, invalid), async (c) => {
      const { table, stagedId } = c.req.valid('json');
      return c.json(await kept.keep(table, stagedId), 201);
    })
    .delete('/:id', zValidator('param', KeptTableIdParam, invalid), async (c) => {
      await kept.forget(c.req.valid('param').id);
      return c.body(null, 204);
    });
}
