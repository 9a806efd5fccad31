import { defineConfig } from 'vitest/config';
import os from 'node:os';
import path from 'node:path';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI runner,
          // where many unit files mostly wait on child processes (the CLI) and fsync. As many workers as
          // cores (beside the e2e stream, scripts/test-all.mjs) keeps both cores busy.
          maxWorkers: Math.max(2, os.availableParallelism()),
          // Under that sharing a test runs slower than alone: budgets stay well above what any test needs idle.
          testTimeout: 120_000,
          // A beforeAll that builds a signed bundle takes seconds on an idle machine and more under
          // load (test:stress): 10 s (vitest's default) made set-up, not the code, fail.
          hookTimeout: 120_000,
          // Builds the bundled CLI when a source is newer than it (tests spawn cli/proceeds.mjs).
          globalSetup: ['tests/setup/cli-bundle.ts'],
          // electron is mocked at the boundary: the binary is not available on these machines.
          alias: { electron: path.resolve('tests/electron/electron-mock.ts') },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['tests/setup/cli-bundle.ts', 'tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
