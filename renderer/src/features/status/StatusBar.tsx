import type { ReactNode } from 'react';
import type { Locale, MessageKey } from '../../../../shared/i18n/translate';
import { t } from '../../i18n/i18n';
import { LanguageMenu } from './LanguageMenu';

export function StatusBar({
  engineLabel,
  otherEngineLabel,
  engineState,
  onSwitchEngine,
  onOpenSettings,
  locale,
  onChangeLocale,
  onShowShortcuts,
  notices,
}: {
  engineLabel: MessageKey;
  otherEngineLabel: MessageKey;
  engineState: 'starting' | 'ready' | 'failed';
  /** Absent while a statement runs: the engine cannot change under it. */
  onSwitchEngine?: (() => void) | undefined;
  /** Present on the native engine, whose memory and threads the user sets. */
  onOpenSettings?: (() => void) | undefined;
  locale: Locale;
  onChangeLocale(locale: Locale): void;
  /** Opens the keyboard shortcuts sheet (also Ctrl+/ or ?). */
  onShowShortcuts?: () => void;
  /** The success notices' line: it takes the room between the engine and the language menu. */
  notices?: ReactNode;
}) {
  return (
    <footer className="status-bar">
      <button
        type="button"
        className="engine-label"
        aria-label={t('engine.switchTo', { engine: t(engineLabel), other: t(otherEngineLabel) })}
        title={t('engine.switchTo', { engine: t(engineLabel), other: t(otherEngineLabel) })}
        disabled={!onSwitchEngine}
        onClick={onSwitchEngine}
      >
        {t(engineLabel)}
      </button>
      {onOpenSettings ? (
        <button type="button" className="engine-settings" onClick={onOpenSettings}>
          {t('settings.open')}
        </button>
      ) : null}
      <span role="status" className={`engine-state engine-${engineState}`}>
        {engineState === 'starting' ? t('engine.starting') : engineState === 'ready' ? t('engine.ready') : ''}
      </span>
      {notices}
      <LanguageMenu locale={locale} onChange={onChangeLocale} />
      {onShowShortcuts ? (
        <button type="button" className="shortcuts-button" onClick={onShowShortcuts} title={t('shortcuts.hint')}>
          {t('shortcuts.open')}
        </button>
      ) : null}
    </footer>
  );
}
