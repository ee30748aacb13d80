// Two tiers: `unit` (pure logic, *.spec.ts beside the code) and `e2e` (test/**/*.e2e.ts,
// real processes, real Postgres and Redis started by test/setup/global-setup).
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
    sourceMaps: true,
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  testTimeout: 120000,
  // `npm run test:profile` adds wall and CPU seconds per suite (test/setup/cpu-reporter.cjs).
  ...(process.env.TEST_PROFILE ? { reporters: ['default', '<rootDir>/test/setup/cpu-reporter.cjs'] } : {}),
  testSequencer: '<rootDir>/test/setup/sequencer.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/repo/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      setupFiles: ['<rootDir>/test/setup/worker-infra.mjs'],
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
};
