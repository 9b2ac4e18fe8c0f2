import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each attack, on our server and then on libzmq's, stays well under this on a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 30_000,
    // Attacks share the machine: one at a time, so one cannot starve another's good peer.
    fileParallelism: false,
  },
})
