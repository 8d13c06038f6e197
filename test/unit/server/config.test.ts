/**
 * The CA's settings as config.json and the environment give them: the rate limit
 * on PIN-bearing requests defaults to 300 a minute per client, takes the operator's
 * numbers, and refuses numbers that would switch it off or make no sense — naming
 * the setting, in both languages. (Which endpoints share the budget is the HTTP
 * layer's business and tested there.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE, loadConfig } from '../../../src/server/config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, CONFIG_FILE), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('rate limit settings', () => {
  it('default to 300 requests per 60 seconds', async () => {
    const config = await loadConfig(dataDir({}), {});
    expect(config.rateLimit).toEqual({ max: 300, windowSeconds: 60 });
  });

  it('take the operator’s numbers', async () => {
    const config = await loadConfig(dataDir({ rateLimit: { max: 5, windowSeconds: 600 } }), {});
    expect(config.rateLimit).toEqual({ max: 5, windowSeconds: 600 });
  });

  it.each([
    ['no request at all', { max: 0, windowSeconds: 60 }, 'rateLimit.max'],
    ['a negative count', { max: -1, windowSeconds: 60 }, 'rateLimit.max'],
    ['a fraction', { max: 2.5, windowSeconds: 60 }, 'rateLimit.max'],
    ['a count as text', { max: '300', windowSeconds: 60 }, 'rateLimit.max'],
    ['an empty window', { max: 300, windowSeconds: 0 }, 'rateLimit.windowSeconds'],
    ['a window in fractions of a second', { max: 300, windowSeconds: 0.5 }, 'rateLimit.windowSeconds'],
    ['half of it', { max: 300 }, 'rateLimit.windowSeconds'],
  ])('refuse %s, naming the setting', async (_what, rateLimit, path) => {
    const failure = loadConfig(dataDir({ rateLimit }), {});
    await expect(failure).rejects.toMatchObject({ code: 'invalidArgument', status: 400 });
    const error = (await failure.catch((e: unknown) => e)) as { text: { ja: string; en: string } };
    expect(error.text.en).toBe(`Invalid settings in ${CONFIG_FILE}: ${path}`);
    expect(error.text.ja).toContain(path);
  });
});

describe('the rest of config.json', () => {
  it('keeps the documented defaults', async () => {
    const config = await loadConfig(dataDir({}), {});
    expect(config).toMatchObject({ pinAttemptLimit: 5, host: '127.0.0.1', estOnly: false, trustProxy: false, retryAfterSeconds: 60, bodyLimitBytes: 65536 });
  });

  it('lets the environment override what containers set, the file the rest', async () => {
    const dir = dataDir({ pinAttemptLimit: 3, rateLimit: { max: 10, windowSeconds: 60 } });
    const config = await loadConfig(dir, { TOKENDESK_CA_PIN_ATTEMPTS: '7', TOKENDESK_CA_EST_ONLY: '1', TOKENDESK_CA_PORT: '9443' });
    expect(config).toMatchObject({ pinAttemptLimit: 7, estOnly: true, port: 9443, rateLimit: { max: 10, windowSeconds: 60 } });
  });

  it('says what is wrong with a file that is not JSON, or missing', async () => {
    await expect(loadConfig(dataDir('{ rateLimit: '), {})).rejects.toMatchObject({ code: 'invalidArgument', text: { en: `${CONFIG_FILE} is not valid JSON.` } });
    await expect(loadConfig(join(tmpdir(), 'tokendesk-no-such-ca-dir'), {})).rejects.toMatchObject({ code: 'caNotInitialized' });
  });
});
