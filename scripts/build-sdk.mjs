#!/usr/bin/env node
// The device module's browser SDK as one file a CA serves from its own origin:
// dist/sdk/tokendesk-portal.js (ES module, no dependencies, the catalogue words it
// needs inlined) and tokendesk-portal.d.ts beside it for the CA's TypeScript.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/device-module/sdk/tokendesk-portal.ts');
export const SDK_FILE = join(root, 'dist/sdk/tokendesk-portal.js');

export async function buildSdk(outfile = SDK_FILE) {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'browser', target: 'es2020', legalComments: 'none', logLevel: 'warning' });
  const types = mkdtempSync(join(tmpdir(), 'tokendesk-sdk-types-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), entry, '--declaration', '--emitDeclarationOnly', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--lib', 'ES2023,DOM', '--strict', '--skipLibCheck', '--outDir', types], { stdio: 'inherit' });
    copyFileSync(join(types, 'device-module/sdk/tokendesk-portal.d.ts'), join(dirname(outfile), 'tokendesk-portal.d.ts'));
  } finally {
    rmSync(types, { recursive: true, force: true });
  }
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildSdk();
