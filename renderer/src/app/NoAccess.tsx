import { t } from '../i18n/i18n';

/** Browser mode opened without its access token: the only way in is the address printed at start. */
export function NoAccess() {
  return (
    <main className="no-access">
      <h1>{t('app.title')}</h1>
      <p role="alert">{t('access.openPrintedAddress')}</p>
    </main>
  );
}
