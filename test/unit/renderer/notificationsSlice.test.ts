import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { notificationsSlice, type NotificationsSlice } from '../../../renderer/src/state/notificationsSlice';

/** The notifications slice alone, as the page's store holds it. */
function notificationsStore() {
  return createStore<NotificationsSlice>()(notificationsSlice);
}

const texts = (store: ReturnType<typeof notificationsStore>): string[] => store.getState().notifications.map((n) => n.text);

describe('notices go after a few seconds, errors stay, and a held notice waits for its reader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a notice goes after its time; an error stays until dismissed', () => {
    const store = notificationsStore();
    store.getState().notify('info', 'Copied 3 rows as CSV.');
    store.getState().notify('error', 'The file is empty.');
    vi.advanceTimersByTime(60_000);
    expect(texts(store)).toEqual(['The file is empty.']);
  });

  it('a notice dismissed by hand: its timer, when it comes, changes nothing and wakes no listener', () => {
    const store = notificationsStore();
    store.getState().notify('info', 'Copied 3 rows as CSV.');
    store.getState().dismiss(store.getState().notifications[0]!.id);
    const heard = vi.fn();
    store.subscribe(heard);
    vi.advanceTimersByTime(60_000);
    expect(heard).not.toHaveBeenCalled();
  });

  it('held (pointer or focus on the notices), none goes; released, those whose time came go a moment later, the others at their own time', () => {
    const store = notificationsStore();
    store.getState().notify('info', 'Tab “Query 2” closed.');
    store.getState().holdNotices(true);
    vi.advanceTimersByTime(5_000);
    store.getState().notify('info', 'Copied 3 rows as CSV.');
    vi.advanceTimersByTime(30_000);
    expect(texts(store)).toEqual(['Tab “Query 2” closed.', 'Copied 3 rows as CSV.']);

    store.getState().holdNotices(false);
    expect(texts(store)).toHaveLength(2);
    vi.advanceTimersByTime(2_000);
    expect(texts(store)).toEqual([]);
  });

  it('after a hold ended, a new notice stays its whole time, then goes', () => {
    const store = notificationsStore();
    store.getState().holdNotices(true);
    store.getState().holdNotices(false);
    store.getState().notify('info', 'Saved query.sql.');
    vi.advanceTimersByTime(3_000);
    expect(texts(store)).toEqual(['Saved query.sql.']);
    vi.advanceTimersByTime(60_000);
    expect(texts(store)).toEqual([]);
  });
});
