import type { MessageKey } from '../../../../shared/i18n/translate';
import { t } from '../../i18n/i18n';

export interface LoadProgress {
  label: string;
  /** 0..1, or null when the amount of work is unknown. */
  fraction: number | null;
}

export function StatusBar({
  engineLabel,
  engineState,
  progress,
}: {
  engineLabel: MessageKey;
  engineState: 'starting' | 'ready' | 'failed';
  progress: LoadProgress | null;
}) {
  return (
    <footer className="status-bar">
      <span className="engine-label">{t(engineLabel)}</span>
      <span role="status" className={`engine-state engine-${engineState}`}>
        {engineState === 'starting' ? t('engine.starting') : engineState === 'ready' ? t('engine.ready') : ''}
      </span>
      {progress ? (
        <span className="progress">
          <span>{progress.label}</span>
          <progress
            aria-label={progress.label}
            max={1}
            {...(progress.fraction === null ? {} : { value: progress.fraction })}
          />
        </span>
      ) : null}
    </footer>
  );
}
