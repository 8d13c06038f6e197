/**
 * The bridge's door, tried with a real WebSocket client and real HTTP requests on
 * loopback: only our Host and our Origin get in (DNS rebinding and cross-site pages
 * are refused), only well-formed calls on known channels are answered. The service
 * is a real one with no CA configured: the wizard answers STEP1 with the reason.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type RunningBridge } from '../../../src/bridge/index.js';

let bridge: RunningBridge;
let root: string;
let origin: string;
let lines: string[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tokendesk-bridge-unit-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><html lang="ja"><title>TokenDesk</title></html>');
  writeFileSync(join(root, 'outside.txt'), 'not to be served');
  lines = [];
  bridge = await startBridge({
    rendererDir: join(root, 'renderer'),
    serviceOptions: { settingsFile: false, settings: { caPins: [], language: 'ja', modulePath: join(root, 'no-such-module.so') } },
    log: (line) => lines.push(line),
  });
  origin = `http://127.0.0.1:${bridge.port}`;
});

afterAll(async () => {
  await bridge?.close();
  rmSync(root, { recursive: true, force: true });
});

function httpGet(path: string, host: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; answers 'open' or the HTTP status it was refused with. */
function tryOpen(options: { origin?: string; host?: string; path?: string }): Promise<{ opened: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}${options.path ?? `/api?secret=${bridge.secret}`}`, {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.host ? { headers: { host: options.host } } : {}),
    });
    socket.once('open', () => resolve({ opened: socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.once('error', () => resolve({ status: -1 }));
  });
}

function call(socket: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { kind: string };
      if (message.kind === 'reply') {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('HTTP', () => {
  it('serves the renderer to our own Host, with the strict CSP', async () => {
    const page = await httpGet('/', `127.0.0.1:${bridge.port}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('TokenDesk');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await httpGet('/', `localhost:${bridge.port}`)).status).toBe(200);
  });

  it('refuses a rebound DNS name (foreign Host) with 403', async () => {
    for (const host of [`evil.example:${bridge.port}`, `127.0.0.1.evil.example:${bridge.port}`, '127.0.0.1', `127.0.0.1:${bridge.port + 1}`]) {
      expect((await httpGet('/', host)).status, host).toBe(403);
    }
  });

  it('serves nothing outside the renderer directory', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/.env']) {
      const answer = await httpGet(path, `127.0.0.1:${bridge.port}`);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('not to be served');
    }
  });
});

describe('WebSocket', () => {
  it('opens for our Origin and answers a call', async () => {
    const result = await tryOpen({ origin });
    expect('opened' in result).toBe(true);
    if (!('opened' in result)) return;
    const reply = (await call(result.opened, { kind: 'call', id: 1, channel: 'getWizard', request: {} })) as {
      reply: { ok: boolean; value: { step: number; error?: { code: string } } };
    };
    expect(reply.reply.ok).toBe(true);
    expect(reply.reply.value.step).toBe(1);
    expect(reply.reply.value.error?.code).toBe('TD-CA-NOT-CONFIGURED');
    result.opened.close();
  });

  it('refuses a foreign Origin, a missing Origin, a foreign Host and another path', async () => {
    expect(await tryOpen({ origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await tryOpen({ origin: `http://127.0.0.1:${bridge.port + 1}` })).toEqual({ status: 403 });
    expect(await tryOpen({ origin: 'null' })).toEqual({ status: 403 });
    expect(await tryOpen({})).toEqual({ status: 403 });
    expect(await tryOpen({ origin, host: `evil.example:${bridge.port}` })).toEqual({ status: 403 });
    expect(await tryOpen({ origin, path: `/other?secret=${bridge.secret}` })).toEqual({ status: 403 });
  });

  it('refuses our own Origin and Host without this launch secret (any local process can forge those)', async () => {
    expect(await tryOpen({ origin, path: '/api' })).toEqual({ status: 403 });
    expect(await tryOpen({ origin, path: '/api?secret=' })).toEqual({ status: 403 });
    const wrong = `${bridge.secret.slice(0, -1)}${bridge.secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await tryOpen({ origin, path: `/api?secret=${wrong}` })).toEqual({ status: 403 });
    expect(await tryOpen({ origin, path: `/api?secret=${bridge.secret}x` })).toEqual({ status: 403 });
    expect(await tryOpen({ origin, path: `/api?other=${bridge.secret}` })).toEqual({ status: 403 });
  });

  it('never serves the secret with the page, and carries it in the URL fragment only', async () => {
    const url = new URL(bridge.url);
    expect(url.hash).toBe(`#secret=${bridge.secret}`);
    expect(url.search).toBe('');
    expect(bridge.secret.length).toBeGreaterThanOrEqual(43);
    for (const path of ['/', '/index.html']) {
      const page = await httpGet(path, `127.0.0.1:${bridge.port}`);
      expect(page.body).not.toContain(bridge.secret);
      expect(JSON.stringify(page.headers)).not.toContain(bridge.secret);
    }
  });

  it('refuses to change settings (a library path) for a client without the secret', async () => {
    // The attack of issue 12 item 2: a local process forges our Origin and Host and asks to load its library.
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/api`, { origin, headers: { host: `127.0.0.1:${bridge.port}` } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('opened'));
      socket.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      socket.once('error', () => resolve('error'));
    });
    expect(outcome).toBe('403');
    const settings = await bridge.service.getSettings({});
    expect(settings.settings.modulePath).toBe(join(root, 'no-such-module.so'));
  });

  it('answers an unknown channel and a bad request with a catalogue refusal', async () => {
    const result = await tryOpen({ origin });
    if (!('opened' in result)) throw new Error('not opened');
    const unknown = (await call(result.opened, { kind: 'call', id: 2, channel: 'readPrivateKey', request: {} })) as { reply: { ok: boolean; error: { code: string } } };
    expect(unknown.reply).toMatchObject({ ok: false, error: { code: 'TD-API-BAD-REQUEST' } });
    const bad = (await call(result.opened, { kind: 'call', id: 3, channel: 'submitStoragePin', request: { pin: 1234567890 } })) as { reply: { ok: boolean; error: { code: string } } };
    expect(bad.reply).toMatchObject({ ok: false, error: { code: 'TD-API-BAD-REQUEST' } });
    result.opened.close();
  });

  it('closes the socket on a frame that is not a TokenDesk call', async () => {
    for (const frame of ['not json', JSON.stringify({ kind: 'call', id: -1, channel: 'getWizard', request: {} }), JSON.stringify({ hello: 1 })]) {
      const result = await tryOpen({ origin });
      if (!('opened' in result)) throw new Error('not opened');
      const code = await new Promise<number>((resolve) => {
        result.opened.once('close', (closeCode) => resolve(closeCode));
        result.opened.send(frame);
      });
      expect(code, frame).toBe(1008);
    }
  });

  it('listens on loopback only, and never logs the secret', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]+$/);
    expect(lines.some((line) => line.includes('ws secret'))).toBe(true);
    expect(lines.join('\n')).not.toContain(bridge.secret);
  });

  it('listens on loopback only: bound to 127.0.0.1, not a wildcard', () => {
    expect(bridge.boundAddress).toEqual({ address: '127.0.0.1', family: 'IPv4', port: bridge.port });
  });

  it('listens on loopback only: another address of this machine is refused', async () => {
    // All of 127/8 reaches this host, but a socket bound to 127.0.0.1 answers only there;
    // one bound to 0.0.0.0 or :: would answer 127.0.0.2 (and the LAN) too.
    const reached = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: bridge.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(reached).toBe('ECONNREFUSED');
  });
});
