#!/usr/bin/env node
// Installed entry point: the compiled CLI (npm run build). From a checkout use
// `npm run -s tokendesk -- ARGS`, which runs the TypeScript source directly.
import '../dist/cli/main.js';
