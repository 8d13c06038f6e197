/**
 * `tokendesk ARGS` in a real pseudo-terminal (util-linux `script`), as a person runs it:
 * stdin is a terminal, so the CLI asks its questions, hides what is typed and sees
 * Ctrl-C as a key. Each answer is typed once the screen shows its prompt, after a short
 * pause (a person reads the prompt first); what is typed goes as given (`\r` for Enter,
 * `\u0003` for Ctrl-C).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './ca-server.js';

export type TerminalAnswer = [prompt: string, typed: string];

export function tokendeskAtTerminal(args: readonly string[], answers: readonly TerminalAnswer[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, '--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args].map((part) => `'${part}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const pending = [...answers];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (pending[0] && screen.includes(pending[0][0])) {
        const typed = pending.shift()![1];
        setTimeout(() => child.stdin.write(typed), 100);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, screen }));
  });
}

/** Answers typed and then Enter. */
export const thenEnter = (answers: readonly TerminalAnswer[]): TerminalAnswer[] => answers.map(([prompt, typed]) => [prompt, `${typed}\r`]);
