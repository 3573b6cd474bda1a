import { defineConfig } from '@playwright/test'

export const CHROMIUM_PATH = process.env.VISAVIS_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser-host', testMatch: /host\..*spec\.ts/, use: { browserName: 'chromium' } },
    { name: 'electron', testMatch: /electron\..*spec\.ts/ },
  ],
})
