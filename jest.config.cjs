// Jest runs every *.test.ts under test/, emulator/ and tools/ with ts-jest (type-checked), after
// test/global-setup.ts has built dist/ once, so a bare `npx jest` tests the current sources.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator', '<rootDir>/tools'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tools.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60000,
};
