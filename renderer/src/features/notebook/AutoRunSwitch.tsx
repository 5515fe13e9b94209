/** The notebook's Auto-run switch: when on, an edit re-runs the stale cells in dependency order. */
import { useId } from 'react';
import { t } from '../../i18n/i18n';

export function AutoRunSwitch({ on, onToggle }: { on: boolean; onToggle(on: boolean): void }) {
  const hint = useId();
  return (
    <label className="notebook-auto-run" title={t('notebook.app.autoRunHint')}>
      <input type="checkbox" role="switch" checked={on} aria-checked={on} aria-describedby={hint} onChange={(event) => onToggle(event.target.checked)} />
      {t('notebook.app.autoRun')}
      <span id={hint} hidden>
        {t('notebook.app.autoRunHint')}
      </span>
    </label>
  );
}
