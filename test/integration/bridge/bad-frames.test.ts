/**
 * issue 12 item 1: one bad WebSocket frame used to kill the bridge process (exit 1:
 * no 'error' listener on the socket). Each frame is written by hand on a raw TCP
 * socket to a bridge running as its own process (`npm run bridge`); the connection
 * must end, the process must live, and a fresh connection must still be answered.
 * The same frames go to the device module the bridge hosts (the portal API).
 * Before the fix the first frame ended the process and every later step failed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { BAD_FRAMES, closeCodeOf, rawUpgrade, sendUntilClosed } from '../../support/ws-frames.js';

let dir: string;
let bridge: ServerProcess<{ url: string; wsUrl: string; port: number; portalUrl: string }>;
let origin: string;
let secret: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-bad-frames-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><html lang="ja"><title>TokenDesk</title></html>');
  mkdirSync(join(dir, 'renderer', 'assets'));
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'export {};\n');
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ caPins: [], language: 'en', modulePath: join(dir, 'no-such-module.so') }));
  bridge = await startServerProcess('src/bridge/main.ts', ['--json', '--renderer', join(dir, 'renderer'), '--settings', join(dir, 'settings.json'), '--portal-port', '0']);
  const url = new URL(bridge.started.url);
  origin = url.origin;
  secret = new URLSearchParams(url.hash.slice(1)).get('secret') ?? '';
}, 60_000);

afterAll(async () => {
  await bridge?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A well-formed call on a fresh connection, through the ws library: the bridge still serves. */
async function stillAnswers(): Promise<void> {
  const socket = new WebSocket(`${bridge.started.wsUrl}?secret=${secret}`, { origin });
  const reply = await new Promise<{ kind: string; reply: { ok: boolean } }>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ kind: 'call', id: 1, channel: 'getWizard', request: {} })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { kind: string; reply: { ok: boolean } };
      if (message.kind === 'reply') resolve(message);
    });
  });
  socket.close();
  expect(reply).toMatchObject({ kind: 'reply', reply: { ok: true } });
}

describe('a bad frame ends its connection, never the bridge', () => {
  for (const bad of BAD_FRAMES) {
    it(bad.name, async () => {
      const socket = await rawUpgrade(bridge.started.port, `/api?secret=${secret}`, { Origin: origin });
      const answer = await sendUntilClosed(socket, bad.bytes());
      // ws answers with the protocol's close code before it ends the connection.
      expect([1002, 1007, 1009]).toContain(closeCodeOf(answer));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(bridge.exited(), bridge.stderr()).toBeUndefined();
      await stillAnswers();
    });
  }

  for (const bad of BAD_FRAMES) {
    it(`${bad.name}, on the device module's portal API`, async () => {
      const portalPort = Number(new URL(bridge.started.portalUrl).port);
      const socket = await rawUpgrade(portalPort, '/', { Origin: 'https://portal.ca.example.jp' });
      const answer = await sendUntilClosed(socket, bad.bytes());
      expect([1002, 1007, 1009]).toContain(closeCodeOf(answer));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(bridge.exited(), bridge.stderr()).toBeUndefined();
      await stillAnswers();
    });
  }

  it('a client that resets in the middle of the handshake', async () => {
    const socket = await rawUpgrade(bridge.started.port, `/api?secret=${secret}`, { Origin: origin });
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bridge.exited(), bridge.stderr()).toBeUndefined();
    await stillAnswers();
  });
});

/** The bridge's answer to one raw HTTP request (no secret needed for a static file). */
function rawGet(path: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(bridge.started.port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.started.port}\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
  });
}

describe('a static file the bridge cannot open ends that request, never the bridge', () => {
  it('out of file descriptors, a GET for a file still leaves the process serving', async () => {
    expect(await rawGet('/assets/app.js')).toMatch(/^HTTP\/1\.1 200/);
    const pid = bridge.child.pid!;
    const limit = (soft: number) => execFileSync('prlimit', ['--pid', String(pid), `--nofile=${soft}:`]);
    const hard = execFileSync('prlimit', ['--pid', String(pid), '--nofile', '--raw', '--noheadings', '--output', 'SOFT']).toString().trim();
    // Room for the request's own connection and the file's checks, none for the file itself.
    const held: Socket[] = [];
    limit(readdirSync(`/proc/${pid}/fd`).length + 1);
    try {
      const asked = rawGet('/assets/app.js');
      for (let i = 0; i < 20; i += 1) held.push(connect(bridge.started.port, '127.0.0.1').on('error', () => undefined));
      await asked;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bridge.exited(), bridge.stderr()).toBeUndefined();
    } finally {
      for (const socket of held) socket.destroy();
      if (bridge.exited() === undefined) limit(Number(hard));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bridge.exited(), bridge.stderr()).toBeUndefined();
    expect(await rawGet('/assets/app.js')).toMatch(/^HTTP\/1\.1 200/);
    await stillAnswers();
  });
});
