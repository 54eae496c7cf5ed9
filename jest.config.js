/** Unit specs sit beside the code (apps, libs); integration and end-to-end specs in test/. */
// Every input the tests send is judged both ways (libs/contracts validated-input.ts).
process.env.BIOGATE_VALIDATION_CROSS_CHECK = '1';

const swcrc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@biogate/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  setupFiles: ['reflect-metadata'],
  reporters: ['default', '<rootDir>/jest.summary-reporter.js'],
};
