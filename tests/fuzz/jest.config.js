module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'fuzz',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.fuzz-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest/global-teardown.ts',
  // The long run (npm run fuzz) sends tens of thousands of requests per service.
  testTimeout: process.env.PDMC_FUZZ_MODE === 'long' ? 3_600_000 : 180_000,
  maxWorkers: 1,
};
