import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The native DuckDB process script as built by `npm run build` (npm test builds before the unit tests). */
export function builtNativeProcessScript(): string {
  const script = fileURLToPath(new URL('../../out/main/nativeProcess.js', import.meta.url));
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` before the unit tests.`);
  return script;
}
