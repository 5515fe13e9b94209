import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Opening duckdb-wasm (instantiate + open) takes seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
