import { endonymOf, locales, type Locale } from '../../../../shared/i18n/translate';
import { t } from '../../i18n/i18n';

/**
 * The language menu of the status bar: a native select, so keyboard and screen readers get the
 * platform's own menu. Each language is named in itself (and marked with its `lang`), so a user
 * lost in a language they cannot read still finds theirs.
 */
export function LanguageMenu({ locale, onChange }: { locale: Locale; onChange(locale: Locale): void }) {
  return (
    <select
      className="language-menu"
      aria-label={t('language.label')}
      title={t('language.label')}
      value={locale}
      onChange={(event) => onChange(event.target.value as Locale)}
    >
      {locales.map((option) => (
        <option key={option} value={option} lang={option}>
          {endonymOf[option]}
        </option>
      ))}
    </select>
  );
}
