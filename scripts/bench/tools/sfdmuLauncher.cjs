// Starts SFDMU 3.7.19, which has no bin: it is an sfdx plugin command class. This gives the class the
// static `plugin` and `id` an sfdx host would and runs it; SFDMU ends with process.exit.
// Usage: node sfdmuLauncher.cjs <sfdmu package folder> <sfdmu run flags...>
const root = process.argv[2];
const Run = require(root + '/lib/commands/sfdmu/run').default;
Run.plugin = { root, name: 'sfdmu' };
Run.id = 'sfdmu:run';
Run.run(process.argv.slice(3), root);
