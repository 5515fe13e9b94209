import { describe, expect, it } from 'vitest';
import { courseTableNames, holderOfName, missingCourseTables, type FileTable, type SessionTables } from '../../../shared/bundles/courseTables';

const coursePenguins = '/data/library/sql-fr@1.0.0/data/penguins.csv';
const samplePenguins = '/app/datasets/penguins.csv';

function file(table: string, path: string | null, fileName = 'penguins.csv', kept = false): FileTable {
  return { table, path, fileName, kept };
}

function session(files: FileTable[], catalog: string[] = files.map((f) => f.table)): SessionTables {
  return { files, catalog };
}

describe('courseTableNames', () => {
  it('names each data file after itself, whatever else the session holds', () => {
    expect(courseTableNames(['penguins.csv', 'airports.csv', 'etats.parquet'])).toEqual(['penguins', 'airports', 'etats']);
  });

  it('makes names unique among the course’s own files, in the manifest’s order', () => {
    expect(courseTableNames(['a.csv', 'a.json', 'A.parquet'])).toEqual(['a', 'a_2', 'a_3']);
  });
});

describe('holderOfName', () => {
  it('finds a name nobody holds free', () => {
    expect(holderOfName('penguins', coursePenguins, session([file('airports', '/x/airports.csv', 'airports.csv')]))).toEqual({ kind: 'free' });
  });

  it('reuses the course’s own table: a reload, or the course opened again (the native engine still holds it)', () => {
    expect(holderOfName('penguins', coursePenguins, session([file('penguins', coursePenguins)]))).toEqual({ kind: 'course' });
  });

  it('offers to close a file the user opened under the name, naming the file', () => {
    expect(holderOfName('penguins', coursePenguins, session([file('penguins', samplePenguins)]))).toEqual({ kind: 'openedFile', table: 'penguins', fileName: 'penguins.csv' });
    // A file dropped on the page has no path: still a file the user can drop again.
    expect(holderOfName('penguins', coursePenguins, session([file('penguins', null)]))).toMatchObject({ kind: 'openedFile' });
  });

  it('counts a file the workspace recorded but has not loaded again yet (a start) as holding its name', () => {
    expect(holderOfName('penguins', coursePenguins, session([file('penguins', samplePenguins)], []))).toMatchObject({ kind: 'openedFile' });
  });

  it('never offers to close a table the user made with SQL, nor one they kept', () => {
    expect(holderOfName('penguins', coursePenguins, session([], ['penguins']))).toEqual({ kind: 'userTable', table: 'penguins' });
    expect(holderOfName('penguins', coursePenguins, session([file('penguins', '/data/kept-tables/penguins.parquet', 'penguins.parquet', true)]))).toEqual({ kind: 'userTable', table: 'penguins' });
  });

  it('compares names case-insensitively, as DuckDB does, and names the holder as it is spelt', () => {
    expect(holderOfName('penguins', coursePenguins, session([], ['Penguins']))).toEqual({ kind: 'userTable', table: 'Penguins' });
    expect(holderOfName('penguins', coursePenguins, session([file('PENGUINS', samplePenguins)]))).toMatchObject({ kind: 'openedFile', table: 'PENGUINS' });
  });
});

describe('missingCourseTables', () => {
  const tables = [
    { table: 'penguins', datasetId: 'course-penguins' },
    { table: 'airports', datasetId: 'course-airports' },
  ];

  it('finds none when each name holds the course’s file in the engine', () => {
    const loaded = new Map([['penguins', 'course-penguins'], ['airports', 'course-airports']]);
    expect(missingCourseTables(tables, loaded, ['airports', 'penguins', 'mine'])).toEqual([]);
  });

  it('lists a name that holds another file, or nothing yet', () => {
    const loaded = new Map([['penguins', 'sample-penguins']]);
    expect(missingCourseTables(tables, loaded, ['penguins'])).toEqual(['penguins', 'airports']);
  });

  it('lists a course table the user dropped since it loaded', () => {
    const loaded = new Map([['penguins', 'course-penguins'], ['airports', 'course-airports']]);
    expect(missingCourseTables(tables, loaded, ['airports'])).toEqual(['penguins']);
  });
});
