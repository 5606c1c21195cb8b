import { defineConfig } from '@playwright/test';

// Run through `make test-e2e` (tests/e2e/launch.py): it starts the real stack on loopback and
// passes its address. Browsers cannot be downloaded here: Debian's Chromium is driven instead.
const baseURL = process.env.FLAMINGO_E2E_BASE_URL;
if (!baseURL) throw new Error('FLAMINGO_E2E_BASE_URL is unset: run `make test-e2e`');

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/e2e/artifacts',
  // Per test, not an assertion: `make test` runs this suite beside the cluster suite on 2 shared
  // cores, where a long scenario (routing.spec.ts) once needed more than 60 s (docs/ci.md).
  timeout: 120_000,
  // How long an expectation waits for the page, not a speed check. A signup or login hashes the
  // password with the production argon2id cost (64 MiB, 3 passes) and mails synchronously; beside
  // the cluster suite (load 14–34 on 2 cores) that once took more than 10 s (CI at 11ffee4,
  // workspaces.spec.ts), so waits get 30 s. A passing expectation returns as soon as it holds.
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
});
