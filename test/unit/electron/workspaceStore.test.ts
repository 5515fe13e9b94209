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
