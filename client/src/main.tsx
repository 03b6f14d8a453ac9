import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createI18n } from './i18n/index.ts';
import { registerServiceWorker } from './offline/register.ts';
import { createStores } from './stores/index.tsx';
import './styles/app.css';
import './styles/panels.css';
import './styles/people.css';
import './styles/reports.css';
import './styles/outlook.css';
import './styles/work.css';

// Entry point: the only place that creates the app's stores and i18n instance.

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

const i18n = createI18n();
document.documentElement.lang = i18n.language;

registerServiceWorker();

createRoot(root).render(
  <StrictMode>
    <App stores={createStores()} i18n={i18n} />
  </StrictMode>,
);
