import nx from '@nx/eslint-plugin';

/** Layer and scope rules; tests of a library may also use the test helpers. */
function boundaries(inTests) {
  const lib = inTests ? ['type:lib', 'type:contracts', 'type:testing'] : ['type:lib', 'type:contracts'];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: [],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: lib },
        { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
        { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
        { sourceTag: 'scope:routing', onlyDependOnLibsWithTags: ['scope:routing', 'scope:shared'] },
        { sourceTag: 'scope:handling', onlyDependOnLibsWithTags: ['scope:handling', 'scope:shared'] },
        { sourceTag: 'scope:emergency', onlyDependOnLibsWithTags: ['scope:emergency', 'scope:shared'] },
        { sourceTag: 'scope:funds', onlyDependOnLibsWithTags: ['scope:funds', 'scope:shared'] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', 'tools/ferretdb/**', '.local-stack/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Architecture rule: a service may import only shared libraries, never another
      // service; contracts depend on nothing; test helpers are for tests only.
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // Production code must not import test helpers; only specs and the e2e project may.
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@pdmc/testing', message: 'Test helpers are for tests only.' }] }],
    },
  },
  {
    // Layer rules (issue #11): the domain is plain TypeScript, and dependencies point inwards
    // (interface -> application -> domain). Type-only imports of the platform libraries carry
    // no framework at run time, so the domain may use their types.
    files: ['services/*/src/**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'mongoose'], message: 'The domain is plain TypeScript: no Nest, no mongoose.' },
            {
              group: ['@pdmc/platform', '@pdmc/messaging', '@pdmc/persistence'],
              allowTypeImports: true,
              message: 'The domain may use these libraries\' types only.',
            },
            {
              group: ['**/application', '**/application/**', '**/infrastructure', '**/infrastructure/**', '**/interface', '**/interface/**'],
              message: 'The domain may not import the application, infrastructure or interface layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['services/*/src/**/application/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/interface', '**/interface/**'],
              message: 'Application code may not import from interface/: declare the command or view type in application/ and let the DTO implement it.',
            },
          ],
        },
      ],
    },
  },
];
