import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closingSaveWaitMs, WorkspaceStore } from '../../../electron/host/workspace/workspaceStore';
import { makeTempDir } from '../../support/tempDir';

let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeEach(async () => {
  temp = await makeTempDir();
});

afterEach(async () => {
  vi.useRealTimers();
  await temp.cleanup();
});

describe('workspace store: a reload after a closing save', () => {
  const workspace = { version: 1 as const, tabs: [{ id: 't1', title: 'Query 1', sql: 'SELECT 1' }], activeTabId: 't1' };

  it('answers with the workspace as saved when the named closing save never comes (the old page was killed)', async () => {
    const store = new WorkspaceStore(temp.dir);
    await store.save(workspace);
    vi.useFakeTimers();
    let answered = false;
    const loading = store.load('never-sent').then((loaded) => {
      answered = true;
      return loaded;
    });
    await vi.advanceTimersByTimeAsync(closingSaveWaitMs - 100);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect((await loading).workspace).toEqual(workspace);
  });

  it('wakes every load waiting for the same closing save', async () => {
    const store = new WorkspaceStore(temp.dir);
    await store.save(workspace);
    const edited = { ...workspace, tabs: [{ ...workspace.tabs[0]!, sql: 'SELECT 2' }] };
    const loads = [store.load('closing-1'), store.load('closing-1')];
    await store.save(edited, { closingSave: 'closing-1' });
    expect((await Promise.all(loads)).map((loaded) => loaded.workspace)).toEqual([edited, edited]);
  });
});

describe('workspace store: a page’s saves out of order', () => {
  const workspace = { version: 1 as const, tabs: [{ id: 't1', title: 'Query 1', sql: 'SELECT 1' }], activeTabId: 't1' };
  const withSql = (sql: string) => ({ ...workspace, tabs: [{ ...workspace.tabs[0]!, sql }] });

  it('applies a closing patch after an older save of its page that arrived while the patch waited for the disk', async () => {
    const { diffWorkspace } = await import('../../../shared/contract/workspacePatch');
    const store = new WorkspaceStore(temp.dir);
    const { revision } = await store.save(workspace, { order: { page: 'p', seq: 1 } });
    // Another window's save is being written: the closing patch (seq 3) waits for it, and the
    // page's older debounced save (seq 2) arrives meanwhile, claiming its turn at once.
    const otherWindow = store.save(withSql('SELECT 9 -- another window'), { order: { page: 'other', seq: 1 } });
    const closing = store.savePatch(diffWorkspace(revision, workspace, withSql('SELECT 3 -- last edit')), { order: { page: 'p', seq: 3 } });
    const late = store.save(withSql('SELECT 2 -- debounced'), { order: { page: 'p', seq: 2 } });
    await otherWindow;
    // Both are applied, in the page's order: the older save first, the closing patch over it.
    expect((await late).superseded).toBe(false);
    expect((await closing).superseded).toBe(false);
    expect((await store.load()).workspace).toEqual(withSql('SELECT 3 -- last edit'));
    // Once the closing save is applied, the page's older saves are left out.
    expect((await store.save(withSql('SELECT 2 -- debounced'), { order: { page: 'p', seq: 2 } })).superseded).toBe(true);
  });
});
