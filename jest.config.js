/** jest: TypeScript transpiled by swc (no type check here; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 120000,
  // both cores (jest's default leaves one idle on a 2-core machine): the suite's wall time is the
  // budget (README: ~90 s); time-bounded tests keep margins for a loaded machine
  maxWorkers: 2,
};
