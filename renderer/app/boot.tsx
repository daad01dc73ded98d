/** The app's start (loaded by main.tsx): connect to the services (preload or bridge), then render the app. */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext, connect } from './api/client';
import { type BridgeStatus } from './api/transports';
import { App } from './App';

const listeners = new Set<(status: BridgeStatus) => void>();
let lastStatus: BridgeStatus = { state: 'connecting' };
const connection = connect((status) => {
  lastStatus = status;
  listeners.forEach((listener) => listener(status));
});

function Root() {
  const [status, setStatus] = useState(lastStatus);
  useEffect(() => {
    listeners.add(setStatus);
    setStatus(lastStatus); // the connection may have opened before this component subscribed
    return () => void listeners.delete(setStatus);
  }, []);

  if (connection.kind === 'no-token') {
    return (
      <div className="centered">
        <h1>C3 Vault</h1>
        <p>This page needs the address that the app printed when it started, which carries a one-time key.</p>
        <p>
          Start the app with <code>npm run start:browser</code> (or <code>npm start</code>) and open the URL it prints.
        </p>
      </div>
    );
  }
  return (
    <ApiContext.Provider value={connection.api}>
      <App bridgeState={connection.api.shell === 'electron' ? 'electron' : status.state} />
    </ApiContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
