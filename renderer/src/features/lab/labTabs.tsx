import { t } from '../../i18n/i18n';
import type { RowTab } from '../layout/TabRow';
import type { LabState } from './useLab';

/** The elements the Lab's tabs show, each a tabpanel named by its tab. */
export const labPanelIds = { course: 'lab-course-panel', instructor: 'lab-instructor-panel' } as const;

/** The Lab's tabs' keys in the row (their elements' ids: rowTabId). */
export const labTabKeys = { course: 'lab-course', instructor: 'lab-instructor' } as const;

/**
 * The Lab's tabs in the editor's tab row, pinned at its end: the open course, and the instructor's
 * tools. A long course title is cut on screen; the tab's name and tooltip keep it whole.
 */
export function labTabs(lab: LabState): RowTab[] {
  const course = lab.course;
  const courseTab: RowTab | null = course
    ? {
        key: labTabKeys.course,
        label: <CourseTabLabel title={course.manifest.title} />,
        title: t('lab.ui.courseTab', { title: course.manifest.title }),
        className: 'editor-tab--shrinks',
        selected: lab.panel === 'course',
        panelId: labPanelIds.course,
        onSelect: () => lab.show('course'),
      }
    : null;
  const instructorTab: RowTab = {
    key: labTabKeys.instructor,
    label: t('lab.ui.instructor'),
    selected: lab.panel === 'instructor',
    panelId: labPanelIds.instructor,
    onSelect: () => lab.show('instructor'),
  };
  return courseTab ? [courseTab, instructorTab] : [instructorTab];
}

/** An invisible character no title holds: it marks where the message puts the title. */
const titleMark = '\u2063';

/**
 * "Lab: {title}" as the message words it, with the title in an element of its own: isolated, and
 * cut at its own end (in Arabic, an ellipsis at the line's end would cut a French title's start).
 */
function CourseTabLabel({ title }: { title: string }) {
  const [before = '', after = ''] = t('lab.ui.courseTab', { title: titleMark }).split(titleMark);
  return (
    <>
      {before ? <span className="tab-row__kept">{before}</span> : null}
      <bdi className="tab-row__cut">{title}</bdi>
      {after ? <span className="tab-row__kept">{after}</span> : null}
    </>
  );
}
