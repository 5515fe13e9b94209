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
}

let nextId = 1;

/** Messages for the user: information fades after a while, errors stay until dismissed. */
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
      const shown = { id, kind, text: clipText(text, 1_000), ...(detail ? { detail: clipText(detail, 10_000) } : {}), ...(action ? { action } : {}) };
      setNotifications((all) => [...all.slice(-4), shown]);
      if (kind === 'info') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  return { notifications, notify, dismiss };
}
