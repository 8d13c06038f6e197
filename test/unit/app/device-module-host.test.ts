/**
 * Electron main's part of the device module, without Electron: the module is
 * served while TokenDesk runs, and the window is raised (kept on top) exactly
 * while a CA page's prompt waits. A port already taken leaves TokenDesk working.
 */
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { hostDeviceModule } from '../../../src/app/main/device-module-host.js';
import type { TokenDeskService } from '../../../src/core/service/index.js';
import { createPortalDesk } from '../../../src/device-module/index.js';
import { PortalClient } from '../../support/portal-client.js';

const service = { currentSettings: () => ({ caPins: [], language: 'ja' }) } as unknown as TokenDeskService;

it('raises the window while a prompt waits, and lowers it once answered', async () => {
  const desk = createPortalDesk();
  const raised: boolean[] = [];
  const host = await hostDeviceModule({ desk, service, port: 0, raise: (waiting) => raised.push(waiting), log: () => undefined });
  try {
    expect(host.running?.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await PortalClient.open(host.running!.url, 'https://portal.ca.example.jp');
    const asked = page.call('requestAccess');
    await page.nextEvent((event) => event.event === 'pairing');
    expect(raised).toEqual([true]);
    desk.answer({ id: desk.snapshot().prompts[0]!.id, decision: 'once' });
    expect((await asked).ok).toBe(true);
    expect(raised).toEqual([true, false]);
    page.close();
  } finally {
    await host.stop();
  }
});

it('leaves TokenDesk running when the port is taken (e.g. by an agent), and says so', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const lines: string[] = [];
  try {
    const host = await hostDeviceModule({ desk: createPortalDesk(), service, port, raise: () => undefined, log: (line) => lines.push(line) });
    expect(host.running).toBeUndefined();
    expect(lines.join('\n')).toContain('device module not started');
    await host.stop();
  } finally {
    blocker.close();
  }
});
