/**
 * This page's place in the order of workspace saves (shared/contract/workspaceSaveOrder.ts): an id
 * made once per page load, and a number that grows with every save the page sends, so that the
 * host can leave out a save that arrives after a newer one. Kept in the module, not in the sync:
 * React's development mode starts the workspace's sync twice, and both count in one sequence.
 */
import type { SaveOrder } from '../../../shared/contract/workspaceSaveOrder';

const page = crypto.randomUUID();
let lastSeq = 0;

/** The order of the save about to be sent: after every save this page sent before. */
export function nextSaveOrder(): SaveOrder {
  lastSeq += 1;
  return { page, seq: lastSeq };
}
