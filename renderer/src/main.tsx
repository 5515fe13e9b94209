import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { EngineRegistry } from './engine/engineRegistry';
import { editorsLoaded } from './features/editor/lazyEditors';
import './i18n/i18n'; // sets <html lang dir> and the title for the user's language
import { accessToken, adoptAccessToken, needsAccessToken } from './host/accessToken';
import { NoAccess } from './app/NoAccess';
import './app/fonts';
import './app/app.css';

adoptAccessToken();

const root = document.getElementById('root');
if (root && needsAccessToken() && accessToken() === null) {
  // Browser mode opened without the printed address: nothing can be read, so say how to get in.
  createRoot(root).render(<NoAccess />);
} else if (root) {
  // The in-app engine starts once the editors' chunk has run: on two cores, compiling the engine
  // alongside Monaco made the editor slower and the engine no sooner (docs/performance.md, start-up).
  const engines = new EngineRegistry(editorsLoaded);
  createRoot(root).render(
    <StrictMode>
      <App engines={engines} />
    </StrictMode>,
  );
}
