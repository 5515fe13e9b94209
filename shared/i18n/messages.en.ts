/**
 * Every piece of text the user can see, in English. Other languages provide the same keys
 * (the type below makes a missing key a compile error). `{name}` marks a parameter.
 */
export const en = {
  'app.title': 'Data Lab',
  'app.loading': 'Loading…',

  'engine.starting': 'Starting the SQL engine…',
  'engine.ready': 'Engine ready',
  'engine.failed': 'The SQL engine could not start: {message}',
  'engine.wasmBlocked':
    'WebAssembly is blocked by this page’s security policy, so the SQL engine cannot start.',
  'engine.label.wasm': 'In-app (WebAssembly)',
  'engine.restarted': 'The SQL engine was restarted; your tables were loaded again.',

  'catalog.title': 'Datasets',
  'catalog.tree': 'Datasets and tables',
  'catalog.samples': 'Sample datasets',
  'catalog.opened': 'Opened files',
  'catalog.tables': 'Tables',
  'catalog.empty': 'No tables yet. Open a file or a sample dataset.',
  'catalog.openFile': 'Open file…',
  'catalog.refresh': 'Refresh',
  'catalog.load': 'Load {name}',
  'catalog.loading': 'Loading {name}…',
  'catalog.loaded': 'Loaded {name} as table {table} ({rows} rows).',
  'catalog.columns': '{count} columns',
  'catalog.insertName': 'Insert name into the editor',
  'catalog.queryTable': 'Query table',

  'files.title': 'Open a file',
  'files.roots': 'Places',
  'files.up': 'Up one folder',
  'files.open': 'Open',
  'files.cancel': 'Cancel',
  'files.empty': 'This folder is empty.',
  'files.unsupported': 'Data Lab cannot open this kind of file yet.',
  'files.list': 'Files in {path}',

  'editor.label': 'SQL editor',
  'editor.tabs': 'Editor tabs',
  'editor.newTab': 'New tab',
  'editor.closeTab': 'Close tab {name}',
  'editor.defaultTabTitle': 'Query {n}',
  'editor.run': 'Run',
  'editor.runAll': 'Run all',
  'editor.cancel': 'Cancel',
  'editor.format': 'Format',
  'editor.runHint': 'Ctrl+Enter runs the statement under the cursor; Shift+Ctrl+Enter runs all.',

  'history.title': 'History',
  'history.search': 'Search history',
  'history.empty': 'No queries yet.',
  'history.restore': 'Put this query in the editor',
  'history.failed': 'failed',

  'results.title': 'Results',
  'results.grid': 'Query results',
  'results.none': 'Run a query to see its results here.',
  'results.summary': '{rows} rows in {ms} ms',
  'results.summaryStatement': 'Statement {index} of {count}',
  'results.running': 'Running…',
  'results.canceled': 'Query canceled.',
  'results.error': 'Error',
  'results.copyCell': 'Copy cell',
  'results.copyRow': 'Copy row',
  'results.copied': 'Copied.',
  'results.rowNumber': 'Row',
  'results.noRows': 'The query returned no rows.',
  'results.statementOk': 'Statement ran successfully.',

  'progress.label': 'Progress',
  'status.ready': 'Ready',

  'error.sqlAt': '{message} (line {line}, column {column})',
  'error.fileEmpty': '“{file}” is empty (0 bytes), so there is nothing to load.',
  'error.fileIsDirectory': '“{file}” is a folder, not a file.',
  'error.fileNotFound': '“{file}” does not exist (it may have been moved or deleted).',
  'error.fileUnreadable': '“{file}” cannot be read: permission denied.',
  'error.fileUnsupported': '“{file}” is not a file type Data Lab can open (CSV, TSV or Arrow).',
  'error.fileOutsideRoots': '“{file}” is outside the folders Data Lab may read.',
  'error.fileChanged': '“{file}” changed or disappeared while it was being loaded.',
  'error.csvRagged': 'Line {line} has {found} fields but the header has {expected}: the rows do not line up.',
  'error.csvUnclosedQuote': 'The quote opened on line {line} is never closed.',
  'error.fileLoad': 'Could not load “{file}”: {message}',
  'error.fileRead': 'Could not read “{file}”: {message}',
  'error.invalidRequest': 'The request was not valid: {message}',
  'error.notFound': 'Not found.',
  'error.unknownDataset': 'That dataset is not open any more.',
  'error.workspaceCorrupt':
    'The saved workspace could not be read; a copy was kept as {file} and a fresh one started.',
  'error.host': 'The app’s host did not answer: {message}',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
