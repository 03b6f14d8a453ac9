import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/global-setup-postgres.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for something to happen, not for it to be fast (speed is `npm run bench`'s job):
    // 1 s, the default, is short for a browser while the other worker starts servers on 2 cores.
    expect: { poll: { timeout: 5_000 } },
    // 2 cores: browser and server tests start processes of their own.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
