/** jest: TypeScript transpiled by swc (no type check here; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // the dashboard page built by scripts/build.mjs, imported by the CLI as `bdhvs:dashboard-page`
    '\\.html$': '<rootDir>/test/helpers/text-transform.js',
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: { '^bdhvs:dashboard-page$': '<rootDir>/build/dashboard.html' },
  testTimeout: 120000,
  // both cores (jest's default leaves one idle on a 2-core machine): the suite's wall time is the
  // budget (README: ~90 s); time-bounded tests keep margins for a loaded machine
  maxWorkers: 2,
};
