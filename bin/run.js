#!/usr/bin/env node
// Runs the compiled plugin standalone (after `npm run build`), as `sf` would.
import { enableCompileCache } from 'node:module';

// Node's on-disk cache of compiled code (as the sf CLI's installers enable it): the sf libraries this plugin
// loads compile once, not on every run. Enabled before they are imported.
enableCompileCache?.();
const { execute } = await import('@oclif/core');

await execute({ dir: import.meta.url });
