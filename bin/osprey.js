#!/usr/bin/env node
// The `osprey` command. Osprey runs its TypeScript sources directly through tsx's loader, so
// `npx osprey` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
