/** Entry of the standalone shell (dist/web/index.html): the page without an OpenShift console. */
// Base only (tokens, fonts, globals): each PatternFly React component imports its own CSS.
import '@patternfly/patternfly/patternfly-base.css';
import './standalone.css';
import i18n from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ConsoleServicesProvider } from '../console/services';
import { restoreStandaloneTheme, standaloneServices } from '../console/standalone-services';
import { NetflowTraffic } from '../components/netflow-traffic';
import { initStandaloneI18n } from './i18n';
import { ResourceTabRoute } from './resource-tab-route';
import { StandaloneShell } from './standalone-shell';

async function main(): Promise<void> {
  restoreStandaloneTheme();
  await initStandaloneI18n();
  // Screen readers pick their voice from it; in the console, the console sets it.
  document.documentElement.lang = i18n.language;
  const container = document.createElement('div');
  container.id = 'root';
  document.body.appendChild(container);
  createRoot(container).render(
    <StrictMode>
      <ConsoleServicesProvider services={standaloneServices}>
        <BrowserRouter>
          <StandaloneShell>
            <Routes>
              <Route path="/netflow-traffic" element={<NetflowTraffic />} />
              <Route path="/k8s/ns/:namespace/:resource/:name/netflow" element={<ResourceTabRoute />} />
              <Route path="/k8s/cluster/:resource/:name/netflow" element={<ResourceTabRoute />} />
              <Route path="*" element={<Navigate to="/netflow-traffic" replace />} />
            </Routes>
          </StandaloneShell>
        </BrowserRouter>
      </ConsoleServicesProvider>
    </StrictMode>,
  );
}

main().catch((e: unknown) => console.error('Network Traffic standalone shell failed to start', e));
