// Jest runs TypeScript through @swc/jest: Nest 12 is ESM-only and uses import.meta, which ts-jest cannot handle.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition|cookie|file-type|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@modules/(.*)$': '<rootDir>/modules/$1/index.ts',
    '^@infrastructure/(.*)$': '<rootDir>/infrastructure/$1',
  },
  testEnvironment: 'node',
};
module.exports = {
  // A fresh worker process for every test file: a suite's app closes, but pg-boss's worker-stop loop
  // (it re-checks every second) can outlive it; in a reused Jest worker it then fails inside the
  // NEXT suite ("require after the Jest environment has been torn down"). Restarting the worker
  // after each file ends such leftovers with it. (Any worker above this idle memory is restarted.)
  workerIdleMemoryLimit: '1MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/modules/**/*.spec.ts', '<rootDir>/infrastructure/**/*.spec.ts', '<rootDir>/apps/server/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // The web consoles in Debian's Chromium (playwright-core) against the built app (dist/console).
      ...common,
      displayName: 'browser',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    // The end-to-end video call (real media): only inside the network namespace of scripts/test-media.sh.
    ...(process.env.VPVKAC_MEDIA_TEST === '1'
      ? [
          {
            ...common,
            displayName: 'media',
            setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
            testMatch: ['<rootDir>/test/media/**/*.media-spec.ts'],
            globalSetup: '<rootDir>/test/support/global-setup.ts',
            globalTeardown: '<rootDir>/test/support/global-teardown.ts',
          },
        ]
      : []),
  ],
};
