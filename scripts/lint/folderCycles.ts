/**
 * `npm run lint`: the folders of src/ depend on each other one way (docs/architecture.md). dependency-cruiser
 * reads the imports (type imports too) and collapses them to folders (.dependency-cruiser.cjs); a cycle
 * between folders is then found as a strongly connected component of that folder graph, and each is printed
 * with the imports that close it. Exits 1 when there is one.
 */
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';
import { stronglyConnectedComponents } from '../../src/lib/graph/stronglyConnected.js';

type Cruised = { modules: Array<{ source: string; dependencies: Array<{ resolved: string; coreModule: boolean; couldNotResolve: boolean }> }> };

const FOLDER = /^src\/(lib\/[^/]+|commands|commandSupport)\//;

function folderOf(path: string): string | undefined {
  return FOLDER.exec(path)?.[1];
}

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as { options: object };
const result = await cruise(['src'], { ...config.options, validate: false, outputType: 'json' });
// With outputType json the output is the JSON text.
const cruised = JSON.parse(result.output as string) as Cruised;
const edges = new Map<string, Map<string, string>>();
for (const module of cruised.modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!to || to === from || dependency.coreModule) continue;
    const targets = edges.get(from) ?? new Map<string, string>();
    if (!targets.has(to)) targets.set(to, `${module.source} -> ${dependency.resolved}`);
    edges.set(from, targets);
  }
}
const folders = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((targets) => [...targets.keys()])])].sort();
const index = new Map(folders.map((folder, position) => [folder, position]));
const successors = folders.map((folder) => [...(edges.get(folder)?.keys() ?? [])].map((to) => index.get(to)!));
const cycles = stronglyConnectedComponents(successors).filter((component) => component.length > 1);
for (const component of cycles) {
  const names = new Set(component.map((position) => folders[position]));
  console.error(`folder cycle: ${[...names].join(', ')}`);
  for (const from of names) for (const [to, example] of edges.get(from) ?? []) if (names.has(to)) console.error(`  ${from} -> ${to} (${example})`);
}
console.log(cycles.length === 0 ? `no folder cycles among ${folders.length} folders` : `${cycles.length} folder cycle(s)`);
process.exitCode = cycles.length === 0 ? 0 : 1;
