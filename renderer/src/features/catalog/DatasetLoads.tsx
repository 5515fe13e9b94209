import type { EngineKind } from '../../../../shared/contract/hostApi';
import type { LoadState } from '../../app/loads/loadStates';
import { t } from '../../i18n/i18n';
import { loadLabel } from '../../app/useDatasets';

export interface DatasetLoadsProps {
  states: readonly LoadState[];
  engineKind: EngineKind;
  onCancel(table: string): void;
  onRetry(table: string): void;
  onOpenOnNative(table: string): void;
  onRemove(table: string): void;
}

/**
 * Loads under way, with their progress and Cancel, and datasets that did not load, with the
 * reason, Retry, Open on the native engine and Remove. Shown above the catalog's tree while
 * there is any.
 */
export function DatasetLoads({ states, engineKind, onCancel, onRetry, onOpenOnNative, onRemove }: DatasetLoadsProps) {
  if (states.length === 0) return null;
  return (
    <section className="dataset-loads" aria-label={t('load.list')}>
      <ul>
        {states.map((state) => {
          const file = state.fileName;
          if (state.status === 'loading') {
            const label = loadLabel(state.phase, file);
            return (
              <li key={state.table} className="dataset-load dataset-load--loading">
                <span className="dataset-load-text">{label}</span>
                <progress aria-label={label} max={1} {...(state.fraction === null ? {} : { value: state.fraction })} />
                {state.fraction === null ? null : <span className="dataset-load-percent">{t('load.percent', { fraction: state.fraction })}</span>}
                <button type="button" aria-label={t('load.cancelNamed', { file })} onClick={() => onCancel(state.table)}>
                  {t('load.cancel')}
                </button>
              </li>
            );
          }
          const reason = state.status === 'failed' ? state.reason : t('load.canceled');
          return (
            <li key={state.table} className="dataset-load dataset-load--not-loaded">
              <span className="dataset-load-text">
                <strong>{t('load.notLoaded', { file })}</strong> <span className="dataset-load-reason">{reason}</span>
              </span>
              <span className="dataset-load-actions">
                <button type="button" aria-label={t('load.retryNamed', { file })} onClick={() => onRetry(state.table)}>
                  {t('load.retry')}
                </button>
                {engineKind === 'wasm' ? (
                  <button type="button" aria-label={t('load.openOnNativeNamed', { file })} onClick={() => onOpenOnNative(state.table)}>
                    {t('load.openOnNative')}
                  </button>
                ) : null}
                <button type="button" aria-label={t('load.removeNamed', { file })} onClick={() => onRemove(state.table)}>
                  {t('load.remove')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
