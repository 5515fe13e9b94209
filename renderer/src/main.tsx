import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { EngineRegistry } from './engine/engineRegistry';
import { direction, locale, t } from './i18n/i18n';
import './app/app.css';

document.documentElement.lang = locale;
document.documentElement.dir = direction;
document.title = t('app.title');

// The in-app engine starts now, off the critical path: the editor renders while it instantiates.
const engines = new EngineRegistry();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App engines={engines} />
    </StrictMode>,
  );
}
