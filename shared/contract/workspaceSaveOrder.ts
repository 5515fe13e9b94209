/**
 * The order of a page's workspace saves. Requests from one page can reach the host in another
 * order than they were sent: a debounced save still in flight when the page closes can land after
 * the page's closing save (workspacePatch.ts), and would put back the workspace as it was before
 * the last edit. So each page load names itself (`page`) and numbers its saves (`seq`, growing
 * with each save it sends), and the host leaves out a save older than one it has already applied
 * from the same page. Saves from different pages (two windows) are applied as they come.
 */
import { z } from 'zod';
import { ClosingSaveQuery } from './workspacePatch';

export const SaveOrder = z.object({
  page: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  seq: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export type SaveOrder = z.infer<typeof SaveOrder>;

/**
 * The query of `PUT /workspace` and `POST /workspace/patch`: the closing save's id, and the save's
 * order, `page` and `seq` together. A save without an order (a script's, a test's) is applied as it comes.
 */
export const WorkspaceSaveQuery = ClosingSaveQuery.extend({
  page: SaveOrder.shape.page.optional(),
  seq: SaveOrder.shape.seq.optional(),
}).refine((query) => (query.page === undefined) === (query.seq === undefined), { message: 'page and seq come together', path: ['seq'] });
export type WorkspaceSaveQuery = z.infer<typeof WorkspaceSaveQuery>;

/** The save's order in its query, or undefined when it has none. */
export function saveOrderOf(query: WorkspaceSaveQuery): SaveOrder | undefined {
  return query.page !== undefined && query.seq !== undefined ? { page: query.page, seq: query.seq } : undefined;
}

/**
 * The host's answer to a save: the revision of the workspace on disk. `superseded`: the save was
 * older than one already applied from its page, and was left out; `revision` is then the newest
 * revision the host has begun, which may still be being written (or fail), not this workspace's.
 */
export interface WorkspaceSaveAnswer {
  revision: number;
  superseded: boolean;
}
