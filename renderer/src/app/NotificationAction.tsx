import type { Notification } from '../state/notificationsSlice';

/** A notification's action (Undo, Switch to the native engine…): the notification goes, then the action runs. */
export function NotificationAction({ notification: n, className, onDismiss }: { notification: Notification; className: string; onDismiss(id: number): void }) {
  if (!n.action) return null;
  return (
    <button
      type="button"
      className={className}
      onClick={() => {
        onDismiss(n.id);
        n.action?.run();
      }}
    >
      {n.action.label}
    </button>
  );
}
