#!/usr/bin/env node
// Installed entry point: the CLI bundled by `npm run build` (scripts/build-cli.mjs),
// which starts faster than tsc's file-per-module dist/cli/. From a checkout use
// `npm run -s tokendesk -- ARGS`, which runs the TypeScript source directly.
import '../dist/cli/bundle/tokendesk.js';
