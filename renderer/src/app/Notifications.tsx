import { t } from '../i18n/i18n';
import type { Notification } from './useNotifications';

/** Errors are announced at once (role=alert); other messages politely (role=status). */
export function Notifications({ notifications, onDismiss }: { notifications: Notification[]; onDismiss(id: number): void }) {
  return (
    <div className="notifications">
      <div role="status" aria-live="polite">
        {notifications
          .filter((n) => n.kind === 'info')
          .map((n) => (
            <p key={n.id} className="notification info">
              {n.text}
            </p>
          ))}
      </div>
      <div role="alert">
        {notifications
          .filter((n) => n.kind === 'error')
          .map((n) => (
            <div key={n.id} className="notification error">
              <p>{n.text}</p>
              {n.detail && n.detail !== n.text ? (
                <details>
                  <summary>{t('results.error')}</summary>
                  <pre>{n.detail}</pre>
                </details>
              ) : null}
              {n.action ? (
                <button
                  type="button"
                  className="notification-action"
                  onClick={() => {
                    onDismiss(n.id);
                    n.action?.run();
                  }}
                >
                  {n.action.label}
                </button>
              ) : null}
              <button type="button" className="notification-dismiss" aria-label={t('notification.dismiss', { text: n.text })} onClick={() => onDismiss(n.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
