// One jest run, projects selected by file suffix (see docs/conventions in shared/):
// *.spec.ts unit, *.int.spec.ts against real PostgreSQL, *.e2e.spec.ts across apps and Temporal;
// test/contract/*.int.spec.ts run Schemathesis against the API (project `contract`);
// test/browser/*.e2e.spec.ts drive the dashboard in Chromium (project `browser`: its global setup
// also builds apps/dashboard when dist is missing or stale). The Chromium comes from
// @sparticuz/chromium, an ES module only: test/browser/support/chromium.ts asks a child Node
// process for its executable's path instead of having jest transform the package.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const ESM_ONLY = ['node-pg-migrate', 'otplib', '@otplib', '@scure', '@noble'].join('|');
const common = {
  rootDir: __dirname,
  // ESM-only packages (node-pg-migrate; otplib and the @scure/@noble parts it uses): swc turns
  // them into CommonJS for jest (Node loads them natively).
  transform: { '^.+\\.ts$': swc, [`(${ESM_ONLY})/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@ecvet/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/', '/.tools/', '/scratch/'],
  testEnvironment: 'node',
};
const servers = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
};
module.exports = {
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.spec.ts'],
      testPathIgnorePatterns: [
        ...common.testPathIgnorePatterns,
        '\\.int\\.spec\\.ts$',
        '\\.e2e\\.spec\\.ts$',
      ],
    },
    {
      ...common,
      ...servers,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/test/contract/'],
    },
    {
      // The OpenAPI contract: Schemathesis (from PyPI, into the tool cache) against the API.
      ...common,
      ...servers,
      displayName: 'contract',
      testMatch: ['<rootDir>/test/contract/**/*.int.spec.ts'],
    },
    {
      ...common,
      ...servers,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/test/browser/'],
    },
    {
      ...common,
      ...servers,
      displayName: 'browser',
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      testMatch: ['<rootDir>/test/browser/**/*.e2e.spec.ts'],
    },
  ],
};
