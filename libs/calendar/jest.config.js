// Pure library: no servers, so no global setup.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'calendar',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
