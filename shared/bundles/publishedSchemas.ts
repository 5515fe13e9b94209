/** The JSON Schema documents of docs/schemas/, derived from the zod schemas (one definition). */
import { z } from 'zod';
import { publishedSchemas } from '../contract/bundle';

export function jsonSchemaDocuments(): Record<string, string> {
  const documents: Record<string, string> = {};
  for (const [file, schema] of Object.entries(publishedSchemas)) {
    // `input`: what a file may hold (defaults may be left out), not what parsing returns.
    const document = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
    documents[file] = `${JSON.stringify({ $id: `https://datalab.invalid/schemas/${file}`, ...document }, null, 2)}\n`;
  }
  return documents;
}
