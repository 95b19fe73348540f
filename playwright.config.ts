import { defineConfig } from '@playwright/test';

/** Headless Debian Chromium against `npm start`'s processes (built beforehand by `npm test`). */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://localhost:9001',
    testIdAttribute: 'data-test',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node dist/server/scripts/start.js',
    url: 'http://127.0.0.1:9001/healthz',
    reuseExistingServer: !process.env.CI,
    // Generating the mock's hours of history takes ~15 s alone, much more on a loaded machine.
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
