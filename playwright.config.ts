import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/e2e/support/e2e-stack';

/**
 * End-to-end tests drive the real UI, served by the browser host, in Debian's Chromium (never a
 * downloaded browser). The global setup starts the built central server and host.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    launchOptions: CHROMIUM_LAUNCH,
    trace: 'retain-on-failure',
  },
});
