import { useCallback, useState } from 'react';
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

/** Messages kept at most: far more than a screen holds, the older ones grouped (see Notifications). */
const keptLimit = 500;

let nextId = 1;

/**
 * Messages for the user: information fades after a while, errors stay until dismissed. None is
 * dropped to make room (opening ten bad files gives ten errors); a message that comes again is
 * shown once with a count.
 */
export function useNotifications(): {
  notifications: Notification[];
  notify(kind: Notification['kind'], text: string, detail?: string, action?: NotificationAction): void;
  dismiss(id: number): void;
} {
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const dismiss = useCallback((id: number) => setNotifications((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (kind: Notification['kind'], text: string, detail?: string, action?: NotificationAction) => {
      const id = nextId++;
      // Messages can quote megabytes of a bad file: a notification keeps a readable amount.
      const shown: Notification = { id, kind, text: clipText(text, 1_000), ...(detail ? { detail: clipText(detail, 10_000) } : {}), ...(action ? { action } : {}), count: 1 };
      setNotifications((all) => {
        const same = all.find((n) => n.kind === kind && n.text === shown.text && n.detail === shown.detail);
        if (same) return [...all.filter((n) => n !== same), { ...shown, count: same.count + 1 }];
        return [...all, shown].slice(-keptLimit);
      });
      if (kind === 'info') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  return { notifications, notify, dismiss };
}
