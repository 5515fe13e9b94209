import { t } from '../../i18n/i18n';
import type { ResultGridProps } from './ResultGrid';

/** The grid's words in the current language: one definition for every grid (results, notebook cells). */
export function resultGridText(): ResultGridProps['text'] {
  return {
    rowNumber: t('results.rowNumber'),
    copyCell: t('results.copyCell'),
    copyRow: t('results.copyRow'),
    copied: t('results.copied'),
    sortBy: (column) => t('results.sortBy', { column }),
    loading: t('results.loadingRows'),
    pinThrough: (column) => t('results.pinThrough', { column }),
    unpin: t('results.unpin'),
    keys: t('results.gridKeys'),
  };
}
