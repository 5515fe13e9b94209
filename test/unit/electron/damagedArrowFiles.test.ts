/**
 * Damaged and truncated Arrow IPC files: both engines read them with apache-arrow, which fails
 * with its internals' errors ("Cannot read properties of null"). The user must read what is wrong
 * with which file, and the engine must go on.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';
import { arrowMagicBytes, arrowReadFailure } from '../../../shared/formats/arrowIpcDamage';
import { createTranslator } from '../../../shared/i18n/translate';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';

const t = createTranslator();
const gapminder = fileURLToPath(new URL('../../../datasets/gapminder.arrow', import.meta.url));

/** A truncated file (half of a real one), bytes that are not Arrow, and the Arrow magic followed by garbage. */
async function damagedFiles(): Promise<Record<string, Uint8Array>> {
  const good = await readFile(gapminder);
  return {
    'half.arrow': good.subarray(0, good.length >> 1),
    'noise.arrow': Uint8Array.from({ length: 5_000 }, (_, i) => (i * 7_919) % 256),
    'magic.arrow': Buffer.concat([Buffer.from('ARROW1\0\0'), Buffer.alloc(3_000, 0xab), Buffer.from('ARROW1')]),
  };
}

const truncated = t('error.arrowTruncated');
const unreadable = new RegExp(`^${t('error.arrowUnreadableBecause', { message: 'MESSAGE' }).replace(/[.()]/g, '\\$&').replace('MESSAGE', '.+')}$|^${t('error.arrowUnreadable').replace(/[.()]/g, '\\$&')}$`);

describe('the reason shown for an Arrow file apache-arrow cannot read (both engines)', () => {
  it('says a truncated file is truncated, and a damaged one damaged, never the reader’s internals', async () => {
    const reasons: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(await damagedFiles())) {
      let thrown: unknown = null;
      try {
        tableFromIPC(bytes);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).not.toBeNull();
      const { key, params } = arrowReadFailure(bytes.subarray(0, arrowMagicBytes), bytes.subarray(bytes.length - arrowMagicBytes), thrown);
      reasons[name] = t(key, params);
    }
    expect(reasons['half.arrow']).toBe(truncated);
    expect(reasons['noise.arrow']).toMatch(unreadable);
    expect(reasons['magic.arrow']).toMatch(unreadable);
    for (const reason of Object.values(reasons)) expect(reason).not.toMatch(/Cannot read properties/);
  });
});

describe('damaged Arrow files on the native engine', () => {
  let scratch: ScratchHostCore;
  let core: HostCore;
  const { send } = requestsTo(() => core);
  beforeEach(async () => {
    scratch = await createScratchHostCore();
    ({ core } = scratch);
  });
  afterEach(() => scratch.dispose());

  it('refuses each by name with the reason, and keeps the engine and the good tables', async () => {
    const add = async (name: string, bytes: Uint8Array | string) => {
      await writeFile(path.join(scratch.home, name), bytes);
      const dataset = (await (await send('POST', '/api/datasets/open', { path: path.join(scratch.home, name) })).json()) as Dataset;
      const response = await send('POST', '/api/native/tables', { datasetId: dataset.id, table: name.replace('.', '_') });
      return { status: response.status, error: response.ok ? null : ((await response.json()) as { error: string }).error };
    };
    expect(await add('good.arrow', await readFile(gapminder))).toEqual({ status: 204, error: null });
    const files = await damagedFiles();
    expect(await add('half.arrow', files['half.arrow']!)).toEqual({ status: 422, error: `Could not read “half.arrow”: ${truncated}` });
    for (const name of ['noise.arrow', 'magic.arrow']) {
      const { status, error } = await add(name, files[name]!);
      expect(status).toBe(422);
      expect(error).toMatch(new RegExp(`^Could not read “${name.replace('.', '\\.')}”: this is not a readable Arrow IPC file`));
      expect(error).not.toMatch(/Cannot read properties/);
    }
    const count = await send('POST', '/api/native/read', { sql: 'SELECT count(*) FROM good_arrow' });
    expect(count.status).toBe(200);
    expect(Number(tableFromIPC(new Uint8Array(await count.arrayBuffer())).getChildAt(0)?.get(0))).toBe(682);
  });
});
