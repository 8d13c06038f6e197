/**
 * `tokendesk agent` at the terminal: the device module with the same core as in
 * TokenDesk's window, its prompts asked here one at a time — who asks (the exact
 * origin) and the pairing code the page shows, then allow once / always / deny,
 * or the user PIN typed without echo. Ctrl-C stops it.
 */
import type { PortalPrompt } from '../api/index.js';
import { formatUserError, toUserError } from '../core/messages/index.js';
import { defaultSettingsFile, loadSettings } from '../core/service/index.js';
import { createPortalDesk, describeStartFailure, grantsFileBeside, startDeviceModule, type PromptDesk } from '../device-module/index.js';
import type { AgentOptions } from './options.js';
import { SecretInput } from './secret-input.js';

const PURPOSE = {
  access: { ja: 'USBトークンの利用', en: 'to use your USB token' },
  readDevice: { ja: 'デバイス情報の読み込み', en: 'to read the device information' },
  signChallenge: { ja: 'ログインのための署名', en: 'a signature to log in' },
} as const;

export async function runAgent(options: AgentOptions): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('--port は 0〜65535 / --port must be 0 to 65535\n');
    return 2;
  }
  const settingsFile = defaultSettingsFile();
  let desk: PromptDesk;
  try {
    desk = createPortalDesk({ consentFile: grantsFileBeside(settingsFile), ...(options.policy ? { policyFile: options.policy } : {}) });
  } catch (error) {
    process.stderr.write(`${describeStartFailure(error)}\n`);
    return 2;
  }
  const modulePath = async () => options.module ?? (await loadSettings(settingsFile)).modulePath;
  let running;
  try {
    running = await startDeviceModule({ desk, modulePath, port, log: (line) => process.stderr.write(`[agent] ${line}\n`) });
  } catch (error) {
    process.stderr.write(`${describeStartFailure(error)}\n`);
    return 1;
  }
  process.stdout.write(options.json ? `${JSON.stringify({ portalUrl: running.url, port: running.port })}\n` : `TokenDesk device module: ${running.url}\n`);

  const input = new SecretInput(options.answersFromStdin === true);
  const stopPrompts = askInTerminal(desk, input);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  stopPrompts();
  input.close();
  await running.close();
  return 0;
}

/** Asks each prompt once, in arrival order; a prompt withdrawn meanwhile (the page left) is skipped. */
function askInTerminal(desk: PromptDesk, input: SecretInput): () => void {
  const asked = new Set<string>();
  const queue: PortalPrompt[] = [];
  let busy = false;
  const next = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    for (let prompt = queue.shift(); prompt; prompt = queue.shift()) {
      if (!desk.snapshot().prompts.some((pending) => pending.id === prompt!.id)) continue;
      try {
        await ask(desk, input, prompt);
      } catch (error) {
        process.stderr.write(`${formatUserError(toUserError(error), 'ja')}\n`);
      }
    }
    busy = false;
  };
  return desk.subscribePrompts(({ prompts }) => {
    for (const prompt of prompts) {
      if (asked.has(prompt.id)) continue;
      asked.add(prompt.id);
      queue.push(prompt);
    }
    void next();
  });
}

/** The question on stderr, then the answer: typed at the terminal, or the next stdin line (which prints no question of its own). */
function question(input: SecretInput, text: string, hidden: boolean): Promise<string> {
  if (!process.stdin.isTTY || input.fromStdin) process.stderr.write(`${text}\n`);
  return hidden ? input.read(text) : input.answer(text);
}

async function ask(desk: PromptDesk, input: SecretInput, prompt: PortalPrompt): Promise<void> {
  const purpose = PURPOSE[prompt.purpose];
  process.stderr.write(
    [
      '',
      `[TokenDesk] 接続元 / origin: ${prompt.origin}${prompt.preListed ? ' （認証局のポリシーに登録済み / listed by your CA）' : ''}`,
      `  要求 / asks: ${purpose.ja} / ${purpose.en}`,
      `  確認コード / pairing code: ${prompt.pairingCode}  （Webページの表示と同じか確認してください / check the page shows the same）`,
      '',
    ].join('\n'),
  );
  if (prompt.kind === 'access') {
    const answer = (await question(input, '許可しますか? once=今回のみ / always=常に / deny=拒否 [deny]: ', false)).toLowerCase();
    const decision = answer === 'once' || answer === 'always' ? answer : 'deny';
    desk.answer({ id: prompt.id, decision });
    return;
  }
  if (prompt.finalTry) {
    const sure = (await question(input, '残り1回です。間違えるとロックされます。続けますか? / One try left: a wrong PIN locks the token. Continue? [no]: ', false)).toLowerCase();
    if (!/^(y|yes|はい)$/u.test(sure)) return desk.answer({ id: prompt.id, decision: 'cancel' });
  }
  const pin = await question(input, `ユーザーPIN / user PIN (${prompt.tokenSerial ?? ''}; 空欄で取消 / empty to cancel): `, true);
  desk.answer(pin === '' ? { id: prompt.id, decision: 'cancel' } : { id: prompt.id, decision: 'submit', pin, ...(prompt.finalTry ? { confirmFinalTry: true } : {}) });
}
