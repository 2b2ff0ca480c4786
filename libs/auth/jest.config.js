module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'auth',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/../testing/src/jest/global-teardown.ts',
  testTimeout: 60000,
};
