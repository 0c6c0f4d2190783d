// SPDX-License-Identifier: GPL-2.0-only
/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/js'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Every test file ends with empty slab caches (checked in afterAll), and
  // the run fails in globalTeardown if any file's check did not pass.
  globalSetup: '<rootDir>/test/js/setup/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/test/js/setup/leak-check.ts'],
  globalTeardown: '<rootDir>/test/js/setup/global-teardown.js',
};
