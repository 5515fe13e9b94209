import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { EngineRegistry } from './engine/engineRegistry';
import './i18n/i18n'; // sets <html lang dir> and the title for the user's language
import './app/fonts';
import './app/app.css';

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
