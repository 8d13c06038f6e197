/**
 * `tokendesk agent` as its own process on a machine without a display: a CA page
 * asks, the terminal shows the origin and the pairing code, the user answers and
 * types the PIN there (here: lines on stdin), the page gets the device information.
 * The PIN is in no frame the page receives and never echoed. A bad frame ends one
 * connection; the agent keeps serving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortalClient } from '../../support/portal-client.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { BAD_FRAMES, closeCodeOf, rawUpgrade, sendUntilClosed } from '../../support/ws-frames.js';

const USER_PIN = 'Tarou123';
const ORIGIN = 'https://portal.ca.example.jp';
let scene: SoftHsmStorageScene;
let agent: ServerProcess<{ portalUrl: string; port: number }>;
let dir: string;

beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
  expect((await storeWithWizard(scene, USER_PIN)).step).toBe(5);
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-agent-'));
  agent = await startServerProcess('src/cli/main.ts', ['agent', '--port', '0', '--module', scene.hsm.modulePath, '--answers-from-stdin', '--json'], {
    env: { ...scene.hsm.env, TOKENDESK_SETTINGS: join(dir, 'settings.json') },
  });
}, 90_000);

afterAll(async () => {
  await agent?.stop();
  await scene?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function untilStderr(pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 200; i++) {
    const found = pattern.exec(agent.stderr());
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the agent never printed ${pattern}: ${agent.stderr()}`);
}

it('asks in the terminal, and the page reads the device with the PIN typed there', async () => {
  const page = await PortalClient.open(agent.started.portalUrl, ORIGIN);
  expect((await page.call('hello')).result).toMatchObject({ allowed: false, protocol: 'tokendesk-portal/1' });

  const access = page.call('requestAccess');
  const pairing = await page.nextEvent((event) => event.event === 'pairing');
  const shown = await untilStderr(/pairing code: ([A-Z0-9]{3}-[A-Z0-9]{3})/);
  expect(shown[1]).toBe(pairing.data.pairingCode);
  expect(agent.stderr()).toContain(`origin: ${ORIGIN}`);
  agent.child.stdin!.write('always\n');
  expect((await access).result).toMatchObject({ granted: true, kind: 'always' });

  const reading = page.call('readDevice');
  await untilStderr(/user PIN \(/);
  agent.child.stdin!.write(`${USER_PIN}\n`);
  const device = await reading;
  expect(device.error).toBeUndefined();
  expect(device.result).toMatchObject({ ownerName: 'Souken Tarou', tokenSerial: scene.tokenSerial });
  expect(page.frames.join('\n')).not.toContain(USER_PIN);
  expect(agent.stderr()).not.toContain(USER_PIN);
  page.close();
});

it('a bad frame ends its connection and the agent keeps serving', async () => {
  for (const bad of BAD_FRAMES) {
    const socket = await rawUpgrade(agent.started.port, '/', { Origin: ORIGIN });
    expect([1002, 1007, 1009], bad.name).toContain(closeCodeOf(await sendUntilClosed(socket, bad.bytes())));
  }
  expect(agent.exited()).toBeUndefined();
  const page = await PortalClient.open(agent.started.portalUrl, ORIGIN);
  // The grant given above persisted beside the settings file: still allowed.
  expect((await page.call('hello')).result).toMatchObject({ allowed: true });
  page.close();
});
