import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { WasmEngine } from './engine/wasm/wasmEngine';
import { direction, locale, t } from './i18n/i18n';
import './app/app.css';

document.documentElement.lang = locale;
document.documentElement.dir = direction;
document.title = t('app.title');

// The engine starts now, off the critical path: the editor renders while it instantiates.
const engine = new WasmEngine();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App engine={engine} />
    </StrictMode>,
  );
}
