import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ (the bundle the page loads) before any test file runs.
    globalSetup: ['test/global-setup.ts'],
    // One Chromium at a time: the files share a small machine with other suites.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
