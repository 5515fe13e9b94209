import { defineConfig } from 'vitest/config';

/** `npm run bench`'s Lab cases (scripts/bench.mjs runs them): measurements, not tests; never part of `vitest run`. */
export default defineConfig({
  test: {
    include: ['scripts/bench/lab/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
  },
});
