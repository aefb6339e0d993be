#!/usr/bin/env -S node --import tsx
// Runs the plugin from TypeScript sources, no build needed (development only).
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
