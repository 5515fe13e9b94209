import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One definition of the in-app engine's settings (shared/engine/wasmSettings.ts): the app, the
 * unit tests, the parity test and any runner open duckdb-wasm with it, so a test never checks a
 * mode the app does not run. This fails when a file opens duckdb-wasm any other way.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const scanned = ['renderer', 'electron', 'shared', 'test', 'scripts'];
/**
 * The raw benchmark baseline measures duckdb-wasm with nothing of Data Lab around it, on purpose:
 * it is what the app is compared against, never what a test checks.
 */
const exempt = new Set(['scripts/bench/rawEngine.js']);
const settingsFile = 'shared/engine/wasmSettings.ts';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) files.push(...(await sourceFiles(relative)));
    } else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) {
      files.push(relative);
    }
  }
  return files;
}

/** Where `text` opens a duckdb-wasm database or sets what the settings file owns. */
function violations(file: string, text: string): string[] {
  const found: string[] = [];
  const usesWasm = text.includes('@duckdb/duckdb-wasm');
  // db.open(…) on a duckdb-wasm database: only ever with the shared config.
  if (usesWasm) {
    for (const match of text.matchAll(/\.open\(([^)]*)\)/g)) {
      if (match[1]!.trim() !== 'wasmOpenConfig') found.push(`${file}: opens duckdb-wasm with ${match[0]}`);
    }
  }
  // The settings themselves, in code (comments that name them are fine).
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const setting of ['arrowLosslessConversion', 'castBigIntToDouble', 'castDecimalToDouble', 'autoload_known_extensions', 'autoinstall_known_extensions']) {
    if (usesWasm && code.includes(setting)) found.push(`${file}: sets ${setting} itself`);
  }
  return found;
}

describe('the in-app engine has one set of settings', () => {
  it('no file opens duckdb-wasm other than with shared/engine/wasmSettings.ts', async () => {
    const files = (await Promise.all(scanned.map(sourceFiles))).flat();
    // The scan really reaches the app's engine and the tests' one.
    expect(files).toContain('renderer/src/engine/wasm/wasmEngine.ts');
    expect(files).toContain('test/unit/support/wasmDuckdb.ts');
    const found: string[] = [];
    for (const file of files) {
      if (file === settingsFile || exempt.has(file) || file === 'test/unit/shared/wasmSettings.test.ts') continue;
      found.push(...violations(file, await readFile(path.join(root, file), 'utf8')));
    }
    expect(found).toEqual([]);
  });

  it('catches a file that opens it otherwise', () => {
    const text = "import * as duckdb from '@duckdb/duckdb-wasm';\nawait db.open({ arrowLosslessConversion: false });";
    expect(violations('x.ts', text)).toEqual(['x.ts: opens duckdb-wasm with .open({ arrowLosslessConversion: false })', 'x.ts: sets arrowLosslessConversion itself']);
    expect(violations('y.ts', "import * as duckdb from '@duckdb/duckdb-wasm';\nawait db.open(wasmOpenConfig);")).toEqual([]);
  });
});
