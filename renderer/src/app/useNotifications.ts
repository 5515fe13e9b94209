import { useCallback, useState } from 'react';

export interface Notification {
  id: number;
  kind: 'info' | 'error';
  text: string;
  detail?: string;
}

let nextId = 1;

/** Messages for the user: information fades after a while, errors stay until dismissed. */
export function useNotifications(): {
  notifications: Notification[];
  notify(kind: Notification['kind'], text: string, detail?: string): void;
  dismiss(id: number): void;
} {
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const dismiss = useCallback((id: number) => setNotifications((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (kind: Notification['kind'], text: string, detail?: string) => {
      const id = nextId++;
      setNotifications((all) => [...all.slice(-4), { id, kind, text, ...(detail ? { detail } : {}) }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  return { notifications, notify, dismiss };
}
