import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { jsonSchemaDocuments } from '../../../shared/bundles/publishedSchemas';

const schemasDir = fileURLToPath(new URL('../../../docs/schemas/', import.meta.url));

describe('published JSON Schemas (docs/schemas/)', () => {
  const documents = jsonSchemaDocuments();

  // To refresh them after changing shared/contract/bundle.ts: UPDATE_SCHEMAS=1 npx vitest run test/unit/shared/bundleSchemas.test.ts
  it('are the ones shared/contract/bundle.ts gives today', async () => {
    for (const [file, text] of Object.entries(documents)) {
      if (process.env.UPDATE_SCHEMAS) await writeFile(`${schemasDir}${file}`, text);
      const committed = await readFile(`${schemasDir}${file}`, 'utf8').catch(() => '(missing)');
      expect(committed, `${file} is stale: run UPDATE_SCHEMAS=1 npx vitest run test/unit/shared/bundleSchemas.test.ts`).toBe(text);
    }
  });

  it('accept an example manifest and reject one with a bad hash (checked with Ajv, as an outside tool would)', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(documents['datalab-manifest.schema.json']!));
    const manifest = {
      format: 'datalab-bundle',
      formatVersion: 1,
      id: 'course',
      version: '1.0.0',
      title: 'Course',
      language: 'fr',
      authors: ['A'],
      createdAt: '2026-01-01T00:00:00Z',
      exercises: ['one'],
      files: [{ path: 'exercises/one.json', size: 10, sha256: 'a'.repeat(64) }],
    };
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...manifest, files: [{ path: 'x', size: 1, sha256: 'nothex' }] })).toBe(false);
  });
});
