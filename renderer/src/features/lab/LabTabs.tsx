import { t } from '../../i18n/i18n';
import type { LabState } from './useLab';

/** The Lab's tabs, beside the query and notebook tabs: the open course, and the instructor's tools. */
export function LabTabs({ lab }: { lab: LabState }) {
  return (
    <div className="lab-tabs" role="group" aria-label={t('lab.ui.tabs')}>
      {lab.course ? (
        <button type="button" className="lab-tab" aria-pressed={lab.panel === 'course'} onClick={() => lab.show('course')}>
          <bdi>{t('lab.ui.courseTab', { title: lab.course.manifest.title })}</bdi>
        </button>
      ) : null}
      <button type="button" className="lab-tab" aria-pressed={lab.panel === 'instructor'} onClick={() => lab.show('instructor')}>
        {t('lab.ui.instructor')}
      </button>
    </div>
  );
}
