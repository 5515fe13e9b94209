/** The SQL files feature: editor tabs that hold a `.sql` file (open, save, Save as…, unsaved marker). */
export { useSqlFiles, type SqlFilesState } from './useSqlFiles';
export { SqlFileMenu } from './SqlFileMenu';
export { isSqlFileName } from '../../../../shared/contract/sqlFileApi';
