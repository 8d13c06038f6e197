/**
 * The CA's policy file: the portal origins a CA pre-lists for its users, e.g.
 * `{"origins": ["https://portal.ca.example.jp"]}`. https only and exact — no
 * patterns, no suffixes. A bad entry stops the start with a clear message rather
 * than being skipped: a typo silently ignored would look like a working policy.
 * Pre-listing does not skip the user's first yes; it tells the user the CA vouches
 * for the origin in that prompt.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/messages/index.js';
import { policyEntryProblem } from './origin-rules.js';

/**
 * Where a CA's installer puts the policy for every user of the PC (machine-wide,
 * writable by administrators only): $TOKENDESK_PORTAL_POLICY, else
 * %ProgramData%\TokenDesk\portal-policy.json, /Library/Application Support/TokenDesk/
 * portal-policy.json, /etc/tokendesk/portal-policy.json. Undefined when there is none.
 */
export function systemPolicyFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const file =
    env.TOKENDESK_PORTAL_POLICY ??
    (platform === 'win32'
      ? join(env.ProgramData ?? 'C:\\ProgramData', 'TokenDesk', 'portal-policy.json')
      : platform === 'darwin'
        ? '/Library/Application Support/TokenDesk/portal-policy.json'
        : '/etc/tokendesk/portal-policy.json');
  return existsSync(file) ? file : undefined;
}

export function readPolicyFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError({ code: 'TD-PORTAL-POLICY-INVALID', message: 'policy file unreadable', params: { file, entry: '-', reason: { ja: 'ファイルを読み込めません', en: 'the file cannot be read' } } });
  }
  return parsePolicy(text, file);
}

export function parsePolicy(text: string, file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError({ code: 'TD-PORTAL-POLICY-INVALID', message: 'policy file not JSON', params: { file, entry: '-', reason: { ja: 'JSON として読めません', en: 'not JSON' } } });
  }
  const origins = (parsed as { origins?: unknown } | null)?.origins;
  if (!Array.isArray(origins)) {
    throw new InputError({ code: 'TD-PORTAL-POLICY-INVALID', message: 'policy file without origins', params: { file, entry: '-', reason: { ja: '"origins" の一覧がありません', en: 'no "origins" list' } } });
  }
  for (const entry of origins) {
    const problem = policyEntryProblem(entry);
    if (problem) throw new InputError({ code: 'TD-PORTAL-POLICY-INVALID', message: 'bad policy entry', params: { file, entry: String(entry).slice(0, 200), reason: problem } });
  }
  return [...new Set(origins as string[])];
}
