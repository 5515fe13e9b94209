import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monacoArabicMessages } from './scripts/build/monacoMessages';
import { preloadChunks } from './scripts/build/preloadChunks';
import { monacoMessagesAr } from './shared/i18n/monacoMessages.ar';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      rollupOptions: {
        // The Electron adapter and browser mode share the host core; serve.js never loads 'electron'.
        // nativeProcess runs native DuckDB in its own process, forked by the host core.
        input: {
          index: 'electron/app/main.ts',
          serve: 'electron/serve.ts',
          nativeProcess: 'electron/host/native/nativeProcess.ts',
          // `npm run datalab`: notebooks and lab bundles without a window.
          cli: 'electron/cli/main.ts',
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [
      react(),
      monacoArabicMessages(fileURLToPath(new URL('./node_modules/monaco-editor', import.meta.url)), monacoMessagesAr),
      // The editors' chunk (renderer/src/features/editor/editors.ts, loaded by lazyEditors.tsx), fetched with the entry.
      preloadChunks(['editors']),
    ],
    worker: { format: 'es' },
    build: {
      rollupOptions: { input: 'renderer/index.html' },
      // The engine's .wasm files are large; they are loaded by the worker, never inlined.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 8000,
      // electron-vite leaves the renderer unminified: minified, the entry goes from 9.5 MB to 4.4 MB.
      minify: true,
    },
  },
});
