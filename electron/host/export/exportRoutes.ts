/**
 * Exports under /api/exports: check a destination, upload what the in-app engine wrote, start a
 * job, follow it, cancel it.
 */
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { DestinationBody, ExportJobIdParam, StartExportBody } from '../../../shared/contract/exportApi';
import type { ExportDestinations } from './exportDestinations';
import type { ExportJobs } from './exportJobs';
import type { StagedUploads } from './stagedUploads';

type Invalid = Parameters<typeof zValidator>[2];

export function exportRoutes(jobs: ExportJobs, destinations: ExportDestinations, uploads: StagedUploads, invalid: Invalid) {
  return new Hono()
    .post('/destination', zValidator('json', DestinationBody, invalid), async (c) =>
      c.json(await destinations.check(c.req.valid('json').destination, c.req.valid('json').format)),
    )
    .post('/staged', async (c) => {
      const length = c.req.header('content-length');
      const stagedId = await uploads.receive(c.req.raw.body, length === undefined ? null : Number(length));
      return c.json({ stagedId }, 201);
    })
    .post('/', zValidator('json', StartExportBody, invalid), async (c) => c.json(await jobs.start(c.req.valid('json')), 202))
    .get('/:id', zValidator('param', ExportJobIdParam, invalid), (c) => c.json(jobs.status(c.req.valid('param').id)))
    .delete('/:id', zValidator('param', ExportJobIdParam, invalid), async (c) => c.json(await jobs.cancel(c.req.valid('param').id)));
}
