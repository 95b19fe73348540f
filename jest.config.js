// Two projects: pure TypeScript (model, server, mocks) in node, React components in jsdom.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];
const esmOnly = ['d3', 'd3-[a-z-]+', 'internmap', 'delaunator', 'robust-predicates', '@patternfly/react-charts'];

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/web/src/model', '<rootDir>/server', '<rootDir>/mocks', '<rootDir>/bench', '<rootDir>/deploy'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['**/*.test.ts'],
    },
    {
      displayName: 'web',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/web/src', '<rootDir>/locales'],
      testPathIgnorePatterns: ['/web/src/model/'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
      moduleNameMapper: {
        '\\.(css|scss)$': '<rootDir>/web/src/test-utils/style-stub.js',
        '^@patternfly/react-(icons|tokens|styles)/dist/esm/(.*)$': '@patternfly/react-$1/dist/js/$2',
      },
      setupFilesAfterEnv: ['<rootDir>/web/src/test-utils/setup.ts'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    },
  ],
};
