#!/usr/bin/env node
// Installed entry point: the CLI bundled by `npm run build` (scripts/build-cli.mjs),
// which starts faster than tsc's file-per-module dist/cli/. CommonJS, as the bundle
// is: an ES module here would start Node's ES module loader for one import (~4 ms a
// run). From a checkout use `npm run -s tokendesk -- ARGS`, which runs the TypeScript
// source directly.
require('../dist/cli/bundle/tokendesk.cjs');
