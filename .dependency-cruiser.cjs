/**
 * The import rules of ARCHITECTURE.md, enforced in `npm test`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src-shared holds pure TypeScript: no other src-* folder, no Node built-ins.',
      severity: 'error',
      from: { path: '^src-shared/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^src-shared/', '^node_modules/(zod|rxdb|libphonenumber-js|pinyin-pro)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^src-shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-sees-only-shared',
      comment:
        'The renderer imports src-shared and browser libraries; never Node, electron or main.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-(main|server|preload)/' },
    },
    {
      name: 'renderer-no-node-or-electron',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'renderer-no-electron',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'only-main-electron-imports-electron',
      comment: 'Everything in src-main but electron/ runs under plain Node and is tested there.',
      severity: 'error',
      from: { path: '^src-main/', pathNot: '^src-main/electron/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'server-has-no-electron',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: ['^node_modules/electron/', '^src-(main|renderer|preload)/'] },
    },
    {
      name: 'main-is-not-renderer-or-server',
      severity: 'error',
      from: { path: '^src-main/' },
      to: { path: '^src-(renderer|server|preload)/' },
    },
    {
      name: 'preload-has-no-logic',
      comment: 'The preload wires the contract to IPC: electron and src-shared only.',
      severity: 'error',
      from: { path: '^src-preload/' },
      to: { pathNot: ['^src-shared/', '^src-preload/', '^node_modules/(electron|zod)/'] },
    },
    {
      name: 'only-headset-uses-node-hid',
      severity: 'error',
      from: { pathNot: '^src-main/headset/' },
      to: { path: '^node_modules/node-hid/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^out/' },
    tsConfig: { fileName: 'tsconfig.node.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
