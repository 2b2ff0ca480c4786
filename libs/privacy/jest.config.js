// Pure library (node:crypto and class-validator only): no global setup, so its unit tests
// neither start nor wait for MongoDB and NATS. Add the shared global setup back if an
// int-spec ever needs real servers.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'privacy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
};
