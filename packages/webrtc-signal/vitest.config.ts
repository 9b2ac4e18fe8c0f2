import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // ICE between two local peers usually takes ~10 ms but sometimes ~1 s; tests wait on events.
    testTimeout: 60_000,
    hookTimeout: 20_000,
  },
})
