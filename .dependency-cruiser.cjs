/**
 * `npm run lint` checks the plugin's imports (docs/architecture.md): no module cycle, no module of the plugin
 * importing the tests, the scripts or the org emulator. Cycles between folders (src/lib/<folder>) are found by
 * scripts/lint/folderCycles.ts over the same graph.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      comment: 'A module never imports, directly or not, a module that imports it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'plugin-stays-out-of-tests',
      comment: 'The plugin ships without its tests, scripts and the org emulator.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|packages)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  },
};
