import { t } from '../../i18n/i18n';
import { setLocaleNumbers, useLocaleNumbers } from './gridDisplay';

/** The switch for the grid's "numbers and dates in my language" display (see gridDisplay.ts). */
export function LocaleNumbersToggle() {
  const on = useLocaleNumbers();
  return (
    <label className="results-locale-numbers" title={t('results.localeNumbersHint')}>
      <input type="checkbox" checked={on} onChange={(event) => setLocaleNumbers(event.target.checked)} />
      {t('results.localeNumbers')}
    </label>
  );
}
