/**
 * The README's "A whole chain by hand" block, run as a newcomer would paste it on a
 * fresh clone (#13.14): bash at the repository root in a terminal, nothing set in the
 * environment, the storage PIN typed from what `ca app add` printed. Two things are changed so
 * runs in parallel never collide: the port (8443 → a free one) and the folder
 * ($PWD/.tokendesk-chain → a temp dir). Everything else runs exactly as printed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort, REPO_ROOT } from '../../support/ca-server.js';

function readmeBlock(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### A whole chain by hand'));
  const block = /```sh\n([\s\S]*?)```/u.exec(section)?.[1];
  if (!block) throw new Error('README: no sh block under "A whole chain by hand"');
  return block;
}

/** The prompts a person answers, in order, and what they type (the storage PIN comes from what `ca app add` printed). */
const ANSWERS: Array<[RegExp, (output: string) => string]> = [
  [/\[y\/N\] /u, () => 'y'],
  [/電子証明書格納用PIN（10桁の数字）: /u, (output) => /【電子証明書格納用PIN】 (\d{10})/u.exec(output)![1]!],
  [/新しいユーザーPIN[^\n]*: /u, () => 'Tarou123'],
  [/もう一度: /u, () => 'Tarou123'],
  [/ユーザーPIN: /u, () => 'Tarou123'],
];

it('runs as printed at a terminal: CA, token, application, store, info — and stops its CA', async () => {
  const block = readmeBlock();
  expect(block).toContain('$PWD/.tokendesk-chain');
  expect(block).not.toContain('.tokendesk-data');
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'tokendesk-readme-'));
  const scriptFile = join(folder, 'chain.sh');
  writeFileSync(scriptFile, `set -e\n${block.replaceAll('8443', String(port)).replaceAll('$PWD/.tokendesk-chain', join(folder, 'chain'))}`);
  const env: NodeJS.ProcessEnv = { ...process.env, TOKENDESK_SETTINGS: join(folder, 'settings.json') };
  for (const name of ['SOFTHSM2_CONF', 'TOKENDESK_PKCS11_MODULE', 'TOKENDESK_CA_URL', 'TOKENDESK_CA_DATA']) delete env[name];

  // util-linux `script` gives the commands a real terminal, so PINs are asked without
  // echo and answered at their prompts, as a person pastes the block and types.
  const shell = spawn('script', ['-qefc', `bash ${scriptFile}`, '/dev/null'], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let output = '';
  let answered = 0;
  let since = 0;
  shell.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const next = ANSWERS[answered];
    if (next && next[0].test(output.slice(since))) {
      answered += 1;
      since = output.length;
      shell.stdin.write(`${next[1](output)}\r`);
    }
  });
  shell.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    // Bounded below the test's own timeout, so the output is shown and the CA stopped.
    const code = await new Promise<number | null | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 120_000);
      shell.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code, output).toBe(0);
    expect(answered, output).toBe(ANSWERS.length);
    expect(output).toContain('eTokenに電子証明書を格納する処理が完了しました。');
    expect(output).toMatch(/所有者名：Souken Tarou/u);
    expect(output).toMatch(/状態：電子証明書は有効です/u);
  } finally {
    // The CA the block started in the background must be gone whatever happened.
    try {
      process.kill(-shell.pid!, 'SIGTERM');
    } catch {
      // already gone: the block's own `kill $CA` ran
    }
    rmSync(folder, { recursive: true, force: true });
  }
}, 180_000);
