/**
 * A bridge whose page port is taken fails to start — and leaves nothing behind:
 * the device module it had started first is closed again, its port free.
 */
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { startBridge } from '../../../src/bridge/index.js';
import { freePort } from '../../support/free-port.js';

it('closes the device module again when the page port is in use', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as { port: number }).port;
  const portalPort = await freePort();
  try {
    await expect(
      startBridge({ port: taken, rendererDir: false, serviceOptions: { settingsFile: false, settings: { caPins: [], language: 'ja' } }, deviceModule: { port: portalPort } }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The portal port is free again: something else can listen on it.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(portalPort, '127.0.0.1', resolve);
    });
    probe.close();
  } finally {
    blocker.close();
  }
});
