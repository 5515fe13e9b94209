/**
 * A tab's last closing save, remembered across a reload: the page that comes next in the tab asks
 * for the workspace after that save has landed (see ClosingSaveQuery). sessionStorage is per tab
 * and per origin, and survives a reload but not a new start of the app.
 */
import { ClosingSaveQuery } from '../../../shared/contract/workspacePatch';

const storageKey = 'datalab.closingSave';

/** Names a closing save and remembers it for the next page in this tab. */
export function nameClosingSave(): string {
  const id = crypto.randomUUID();
  try {
    sessionStorage.setItem(storageKey, id);
  } catch {
    // Storage refused (a privacy setting): a reload will not wait for this save.
  }
  return id;
}

/** Read once a page: React's development mode starts the workspace's sync twice. */
let lastPageClosingSave: { id: string | undefined } | null = null;

/** The last page's closing save, if it made one; taken out of storage, so a later page never waits for it again. */
export function takeClosingSave(): string | undefined {
  lastPageClosingSave ??= { id: readAndForget() };
  return lastPageClosingSave.id;
}

function readAndForget(): string | undefined {
  try {
    const stored = sessionStorage.getItem(storageKey);
    sessionStorage.removeItem(storageKey);
    // Anything else (storage edited by hand) would make the host refuse the load itself.
    return ClosingSaveQuery.safeParse({ closingSave: stored }).data?.closingSave;
  } catch {
    return undefined;
  }
}
