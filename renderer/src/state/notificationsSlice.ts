import type { StateCreator } from 'zustand/vanilla';
import { clipText } from '../../../shared/text/clip';

/** Something the user can do about a message, offered as a button in it. */
export interface NotificationAction {
  label: string;
  run(): void;
}

export interface Notification {
  id: number;
  kind: 'info' | 'error';
  text: string;
  detail?: string;
  action?: NotificationAction;
  /** How many times the same message came (shown once, with the count). */
  count: number;
}

export type Notify = (kind: Notification['kind'], text: string, detail?: string, action?: NotificationAction) => void;

export interface NotificationsSlice {
  notifications: Notification[];
  notify: Notify;
  dismiss(id: number): void;
  /**
   * While the user points at the notices or has focus in them, none goes: a notice is not taken
   * away from under a reader, nor its Undo from a keyboard on its way there. Released, the notices
   * whose time came meanwhile go a moment later.
   */
  holdNotices(held: boolean): void;
}

/** Messages kept at most: far more than a screen holds, the older errors grouped (ErrorNotifications), the other notices counted (StatusNotices). */
const keptLimit = 500;
/** How long information stays on screen; errors stay until dismissed. */
const infoShownMs = 6000;
/** How long a notice whose time came while held stays once released: time to move the pointer back. */
const afterHoldMs = 2000;

let nextId = 1;

/**
 * Messages for the user: success notices go after a few seconds (later while held), errors stay
 * until dismissed. None is dropped to make room (opening ten bad files gives ten errors); a message
 * that comes again is shown once with a count. Typed on its own state alone: it reads and writes
 * nothing of the other slices, so it is tested without a page.
 */
export const notificationsSlice: StateCreator<NotificationsSlice> = (set, get) => {
  // Not page state: nothing renders from them, they only decide when a notice goes.
  let held = false;
  const due = new Set<number>();
  const expire = (id: number): void => {
    if (held) due.add(id);
    else get().dismiss(id);
  };
  return {
    notifications: [],
    // A notice's timer may outlive it (dismissed by hand, or replaced by the same message again):
    // then nothing changes, and no listener hears of it.
    dismiss: (id) => set((state) => (state.notifications.some((n) => n.id === id) ? { notifications: state.notifications.filter((n) => n.id !== id) } : state)),
    holdNotices: (hold) => {
      held = hold;
      if (hold) return;
      for (const id of due) setTimeout(() => expire(id), afterHoldMs);
      due.clear();
    },
    notify: (kind, text, detail, action) => {
      const id = nextId++;
      // Messages can quote megabytes of a bad file: a notification keeps a readable amount.
      const shown: Notification = { id, kind, text: clipText(text, 1_000), ...(detail ? { detail: clipText(detail, 10_000) } : {}), ...(action ? { action } : {}), count: 1 };
      set((state) => {
        const all = state.notifications;
        const same = all.find((n) => n.kind === kind && n.text === shown.text && n.detail === shown.detail);
        if (same) return { notifications: [...all.filter((n) => n !== same), { ...shown, count: same.count + 1 }] };
        return { notifications: [...all, shown].slice(-keptLimit) };
      });
      if (kind === 'info') setTimeout(() => expire(id), infoShownMs);
    },
  };
};
