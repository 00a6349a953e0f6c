/** Renderer entry: connect to the host (Electron preload or localhost bridge) and render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api.js';
import { App } from './App.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const connection = connect(window);

if (connection) {
  root.render(
    <StrictMode>
      <App api={connection.api} mode={connection.mode} onMenuCommand={connection.onMenuCommand} />
    </StrictMode>,
  );
} else {
  root.render(
    <main className="not-connected">
      <h1>This page is not connected to the workbench</h1>
      <p>
        For safety, the workbench only answers the page it opened itself. Start it with <code>npm start</code> and open the address it prints (it ends in{' '}
        <code>#token=…</code>).
      </p>
    </main>,
  );
}
