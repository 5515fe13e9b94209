/**
 * Preloads lazily imported chunks from the page's HTML. A chunk that the entry imports with
 * `import()` is otherwise fetched only when the entry's code reaches that call, after the whole
 * entry has been parsed and has run; preloaded, the browser fetches and compiles it alongside the
 * entry, on another core. Used for the editors' chunk (renderer/src/features/editor/lazyEditors.tsx).
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

export function preloadChunks(names: readonly string[]): Plugin {
  return {
    name: 'datalab:preload-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const tags: HtmlTagDescriptor[] = [];
        const found = new Set<string>();
        for (const output of Object.values(context.bundle ?? {})) {
          if (output.type !== 'chunk' || !output.isDynamicEntry || !names.includes(output.name)) continue;
          found.add(output.name);
          // crossorigin as Vite's own preloads and the entry script have it, so the browser reuses the fetch.
          tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${output.fileName}` }, injectTo: 'head' });
          for (const css of output.viteMetadata?.importedCss ?? []) {
            tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${css}` }, injectTo: 'head' });
          }
        }
        // A renamed chunk must fail the build, not silently lose its preload.
        const missing = names.filter((name) => !found.has(name));
        if (missing.length > 0) throw new Error(`preloadChunks: no lazily imported chunk named ${missing.join(', ')}`);
        return tags;
      },
    },
  };
}
