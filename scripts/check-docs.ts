/**
 * `npm run docs:check` (CI runs it): the repository's docs stand on their own.
 *  - docs/errors.md is what `npm run docs:errors` writes from the catalogue;
 *  - nothing in src/, README.md or docs/ points outside the repository (../shared);
 *  - every relative link in README.md and docs/*.md names a file that exists.
 * Prints each problem and exits 1 when there is one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS_DOC_PATH, renderErrorsDoc } from './errors-doc.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const problems: string[] = [];

if (!existsSync(ERRORS_DOC_PATH) || readFileSync(ERRORS_DOC_PATH, 'utf8') !== renderErrorsDoc()) {
  problems.push('docs/errors.md differs from the catalogue: run `npm run docs:errors` and commit it');
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const docs = [join(root, 'README.md'), ...files(join(root, 'docs')).filter((path) => path.endsWith('.md'))];
for (const path of [...files(join(root, 'src')), ...docs]) {
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.includes('../shared')) problems.push(`${relative(root, path)}:${index + 1}: points outside the repository (../shared)`);
    });
}

for (const path of docs) {
  for (const match of readFileSync(path, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
    const target = match[1]!;
    if (/^[a-z]+:/i.test(target)) continue;
    if (!existsSync(resolve(dirname(path), target))) problems.push(`${relative(root, path)}: link to a missing file: ${target}`);
  }
}

for (const problem of problems) process.stderr.write(`docs: ${problem}\n`);
process.exitCode = problems.length > 0 ? 1 : 0;
if (problems.length === 0) process.stdout.write('docs: ok\n');
