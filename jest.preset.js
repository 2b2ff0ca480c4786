// Shared Jest settings: SWC compiles TypeScript with decorator metadata (NestJS and
// class-validator need it), and @pdmc/* imports resolve to library sources so tests
// never depend on a previous build.
const path = require('node:path');

const libs = path.join(__dirname, 'libs');

module.exports = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: {
    '^@pdmc/([a-z-]+)$': path.join(libs, '$1/src/index.ts'),
    '^@pdmc/([a-z-]+)/(.*)$': path.join(libs, '$1/src/$2'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
