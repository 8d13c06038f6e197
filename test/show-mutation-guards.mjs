#!/usr/bin/env node
// Shows that the holes issue #21 found are closed: each of the four code changes
// that once left every test green is applied in a scratch copy of the working tree,
// only the tests that guard it are run — first without the change, to be sure they
// are green, then with it — and the tests that turned red are printed.
// Exit 0 when every mutation was caught. Not part of `npm test` (a few minutes:
// the fourth needs a renderer build and Chromium).
//
//   node test/show-mutation-guards.mjs          all four
//   node test/show-mutation-guards.mjs 1 3      only these
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..');
const PER_MUTATION_MS = 10 * 60_000;

/** Each mutation: text replaced in files (each `from` must occur exactly once), and the tests that must catch it. */
const MUTATIONS = [
  {
    name: 'reissue re-certifies the old key (|| certified.has(key.id) removed from resumableKeys)',
    edits: [['src/core/storage/store-certificate.ts', " || certified.has(key.id)) continue;", ') continue;']],
    vitest: ['test/integration/storage/est-only-reissue.test.ts', 'test/integration/storage/renewal.test.ts'],
  },
  {
    name: 'clock-skew warning off in the diagnosis and the wizard, and the threshold moved by 50 s',
    edits: [
      ['src/core/diagnosis/status-checks.ts', '    if (clock.tooFar) {', '    if (clock.tooFar && false) {'],
      ['src/core/storage/storage-wizard.ts', '    if (reading?.tooFar) return { ...state, clockWarning: reading };', '    if (reading?.tooFar && false) return { ...state, clockWarning: reading };'],
      ['src/core/ca-client/clock-skew.ts', 'CLOCK_SKEW_LIMIT_MS + 1000 }', 'CLOCK_SKEW_LIMIT_MS + 51_000 }'],
    ],
    vitest: ['test/unit/ca-client/clock-skew.test.ts', 'test/integration/storage/clock-skew.test.ts', 'test/integration/card/card.test.ts'],
  },
  {
    name: 'the bridge bound to 0.0.0.0 instead of loopback',
    edits: [['src/bridge/bridge-server.ts', 'server.listen(options.port ?? 0, LOOPBACK,', "server.listen(options.port ?? 0, '0.0.0.0',"]],
    vitest: ['test/unit/bridge/origin-checks.test.ts'],
  },
  {
    name: 'the IC card screen never shows a card it read',
    edits: [['src/app/renderer/screens/card/card-screen.tsx', '{cards.current ? <CardDetails card={cards.current}', '{false && cards.current ? <CardDetails card={cards.current}']],
    playwright: ['test/e2e/other-screens.spec.ts'],
  },
];

/** The working tree (tracked and new files, not ignored ones) in a temp dir, node_modules linked. */
function scratchCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-mutation-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO, file), join(dir, file));
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // The eToken sim, if built: saves a compile in the copy.
  if (existsSync(join(REPO, 'native/build'))) cpSync(join(REPO, 'native/build'), join(dir, 'native/build'), { recursive: true });
  return dir;
}

function apply(dir, edits) {
  const originals = new Map();
  for (const [file, from, to] of edits) {
    const path = join(dir, file);
    const text = originals.get(path) ?? readFileSync(path, 'utf8');
    if (!originals.has(path)) originals.set(path, text);
    const current = readFileSync(path, 'utf8');
    const count = current.split(from).length - 1;
    if (count !== 1) throw new Error(`${file}: expected the text to mutate once, found it ${count} times: ${from}`);
    writeFileSync(path, current.replace(from, to));
  }
  return () => {
    for (const [path, text] of originals) writeFileSync(path, text);
  };
}

function run(dir, command, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  return spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', timeout: PER_MUTATION_MS, maxBuffer: 64 * 1024 * 1024 });
}

function failedVitestTests(dir, files) {
  const report = join(dir, 'test-results', 'mutation-vitest.json');
  rmSync(report, { force: true });
  const result = run(dir, 'npx', ['vitest', 'run', '--reporter=json', `--outputFile=${report}`, ...files]);
  if (!existsSync(report)) return { error: `vitest wrote no report (exit ${result.status}): ${result.stderr.slice(-2000)}` };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failed = json.testResults.flatMap((file) => {
    const name = file.name.slice(dir.length + 1);
    const tests = file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${name} › ${t.fullName}`);
    return tests.length > 0 || file.status !== 'failed' ? tests : [`${name} › (the file failed: ${file.message.split('\n')[0]})`];
  });
  return { failed };
}

function failedPlaywrightTests(dir, files) {
  const result = run(dir, 'npx', ['playwright', 'test', '--reporter=json', ...files]);
  let json;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    return { error: `playwright gave no JSON report (exit ${result.status}): ${result.stderr.slice(-2000)}` };
  }
  const failed = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      if (spec.tests.some((t) => t.status === 'unexpected')) failed.push(`${spec.file} › ${[...path, spec.title].join(' › ')}`);
    }
    for (const child of suite.suites ?? []) walk(child, child.title && !child.title.endsWith('.ts') ? [...path, child.title] : path);
  };
  for (const suite of json.suites) walk(suite, []);
  return { failed };
}

const chosen = process.argv.slice(2).map(Number);
const dir = scratchCopy();
let missed = 0;
try {
  for (const [index, mutation] of MUTATIONS.entries()) {
    if (chosen.length > 0 && !chosen.includes(index + 1)) continue;
    process.stdout.write(`\n[${index + 1}] ${mutation.name}\n`);
    const started = Date.now();
    const runTests = () => (mutation.vitest ? failedVitestTests(dir, mutation.vitest) : failedPlaywrightTests(dir, mutation.playwright));
    const baseline = runTests();
    if (baseline.error || baseline.failed.length > 0) {
      missed += 1;
      process.stdout.write(`    could not tell: the tests are not green without the mutation:\n      ${baseline.error ?? baseline.failed.join('\n      ')}\n`);
      continue;
    }
    const revert = apply(dir, mutation.edits);
    try {
      const outcome = runTests();
      const seconds = Math.round((Date.now() - started) / 1000);
      if (outcome.error) {
        missed += 1;
        process.stdout.write(`    could not tell (${seconds} s): ${outcome.error}\n`);
      } else if (outcome.failed.length === 0) {
        missed += 1;
        process.stdout.write(`    NOT CAUGHT: every test stayed green (${seconds} s)\n`);
      } else {
        process.stdout.write(`    caught (${seconds} s) by:\n${outcome.failed.map((name) => `      ✗ ${name}\n`).join('')}`);
      }
    } finally {
      revert();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(missed === 0 ? '\nevery mutation was caught\n' : `\n${missed} mutation(s) not caught\n`);
process.exit(missed === 0 ? 0 : 1);
