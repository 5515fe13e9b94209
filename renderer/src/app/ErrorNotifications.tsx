import { t } from '../i18n/i18n';
import type { Notification } from '../state/notificationsSlice';
import { NotificationAction } from './NotificationAction';

/** How many errors are shown in full; older ones are grouped under one line that opens. */
const shownErrors = 3;

/**
 * Errors float at the window's inline-end corner, above the status bar, announced at once
 * (role=alert), and stay until dismissed: they ask for something to be done, and putting them in
 * the layout's flow would shrink the grid and the editor each time one comes or goes. Success
 * notices never float: they have their place in the status bar (StatusNotices). A failed save
 * (`saveProblem`) stays on screen, not dismissible, until a save succeeds.
 */
export function ErrorNotifications({
  errors,
  onDismiss,
  saveProblem,
}: {
  errors: Notification[];
  onDismiss(id: number): void;
  saveProblem?: string | null;
}) {
  const older = errors.slice(0, Math.max(0, errors.length - shownErrors));
  const recent = errors.slice(older.length);
  return (
    <div className="notifications">
      <div role="alert">
        {saveProblem ? (
          <div className="notification error save-problem">
            <p>{t('save.problem', { reason: saveProblem })}</p>
          </div>
        ) : null}
        {older.length > 0 ? (
          <details className="notification error notification-group">
            <summary>{t('notification.more', { count: older.length })}</summary>
            {older.map((n) => (
              <ErrorNotification key={n.id} notification={n} onDismiss={onDismiss} />
            ))}
            <button type="button" onClick={() => older.forEach((n) => onDismiss(n.id))}>
              {t('notification.dismissOlder')}
            </button>
          </details>
        ) : null}
        {recent.map((n) => (
          <ErrorNotification key={n.id} notification={n} onDismiss={onDismiss} />
        ))}
      </div>
    </div>
  );
}

function ErrorNotification({ notification: n, onDismiss }: { notification: Notification; onDismiss(id: number): void }) {
  return (
    <div className="notification error">
      <p>
        {n.text}
        {n.count > 1 ? <span className="notification-count">{` ${t('notification.count', { count: n.count })}`}</span> : null}
      </p>
      {n.detail && n.detail !== n.text ? (
        <details>
          <summary>{t('results.error')}</summary>
          <pre>{n.detail}</pre>
        </details>
      ) : null}
      <NotificationAction notification={n} className="notification-action" onDismiss={onDismiss} />
      <button type="button" className="notification-dismiss" aria-label={t('notification.dismiss', { text: n.text })} onClick={() => onDismiss(n.id)}>
        ×
      </button>
    </div>
  );
}
