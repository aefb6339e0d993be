#!/usr/bin/env node
// Runs the compiled plugin standalone (after `npm run build`), as `sf` would.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
