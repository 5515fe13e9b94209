/** The renderer's script sizes as built (issue 14: `npm run bench` reports the bundle's size). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * From out/renderer: the entry script, the scripts its HTML preloads with it (both are fetched and
 * compiled before the editor can show), and every script the renderer may load later (workers,
 * charts, the formatter). Sizes in bytes, as served (the app does not compress).
 */
export function rendererScripts(root) {
  const dir = path.join(root, 'out/renderer');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const sizeOf = (href) => statSync(path.join(dir, href)).size;
  const entry = [...html.matchAll(/<script type="module"[^>]*\ssrc="\.\/([^"]+)"/g)].map(([, href]) => href);
  const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*\shref="\.\/([^"]+)"/g)].map(([, href]) => href);
  const all = readdirSync(path.join(dir, 'assets')).filter((name) => name.endsWith('.js'));
  const sum = (hrefs) => hrefs.reduce((total, href) => total + sizeOf(href), 0);
  return { entryBytes: sum(entry), preloadedBytes: sum(preloaded), allScriptBytes: sum(all.map((name) => `assets/${name}`)) };
}

/** One line for the bench's output. */
export function rendererScriptsLine({ entryBytes, preloadedBytes, allScriptBytes }) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  return `Renderer scripts: entry ${mb(entryBytes)}, preloaded with it ${mb(preloadedBytes)} (Monaco and the editors), every script the page may load ${mb(allScriptBytes)} (with the engine's workers, charts, the formatter; the engine's .wasm not counted).`;
}
