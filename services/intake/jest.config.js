module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'intake',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest/global-teardown.ts',
  testTimeout: 60000,
};
