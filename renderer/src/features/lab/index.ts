/** The Lab feature: opening `.datalab` bundles (state), its tabs, the trainee's view and the instructor's. */
import './lab.css';

export { useLab, type CourseTablesLoad, type CourseTablesLoader, type LabState } from './useLab';
export { labTabs, labPanelIds } from './labTabs';
export { LabView } from './LabView';
export { InstructorView } from './InstructorView';
export { isBundleFileName } from '../../../../shared/contract/labApi';
