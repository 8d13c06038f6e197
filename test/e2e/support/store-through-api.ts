/**
 * Flow A done through the core service the bridge serves — the same calls the
 * page makes — for tests about what comes after (device information, diagnosis);
 * the wizard's own screens are proven in storage-wizard.spec.ts.
 */
import type { TokenDeskApp } from './tokendesk-app.js';

export async function storeThroughApi(app: TokenDeskApp, userPin: string): Promise<void> {
  const service = app.bridge.service;
  await service.detectToken({});
  await service.confirmUser({});
  await service.submitStoragePin({ pin: app.application.storagePin });
  const done = await service.submitUserPin({ newPin: userPin, confirmation: userPin });
  if (done.step !== 5) throw new Error(`the wizard stopped at STEP${done.step}: ${done.error?.code ?? 'no error'}`);
}
