/** The contract itself: names, schemas both ways, the WebSocket client's fallback message kept equal to the catalogue. */
import { expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, UserMessageSchema, eventChannels, isRequestChannel, listenerSlot, requestChannels, SettingsSchema } from '../../../src/api/index.js';
import { catalogue, messageFor } from '../../../src/core/messages/index.js';

it('documents every channel in one line', () => {
  for (const channel of REQUEST_CHANNELS) expect(requestChannels[channel].doc, channel).toMatch(/^[^\n]{10,200}$/);
  for (const event of EVENT_CHANNELS) expect(eventChannels[event].doc, event).toMatch(/^[^\n]{10,200}$/);
});

it('recognises its own channels only (no prototype keys)', () => {
  expect(isRequestChannel('getWizard')).toBe(true);
  for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '', 7]) expect(isRequestChannel(name)).toBe(false);
});

it('names listener slots on + Event', () => {
  expect(listenerSlot('wizardState')).toBe('onWizardState');
  expect(listenerSlot('tokenPresence')).toBe('onTokenPresence');
});

it('every catalogue entry fits the serialized error shape', () => {
  for (const code of catalogue.keys()) expect(UserMessageSchema.safeParse(messageFor(code)).success, code).toBe(true);
});

it('settings have no place for a PIN: unknown fields are dropped', () => {
  const parsed = SettingsSchema.parse({ caUrl: 'https://ca.example.jp', userPin: '1234', storagePin: '1234567890' });
  expect(JSON.stringify(parsed)).not.toContain('1234');
  expect(parsed.language).toBe('ja');
});

it('the app messages the clients build themselves are the catalogue entries', async () => {
  const source = await import('node:fs/promises').then((fs) => fs.readFile(new URL('../../../src/api/ws-client.ts', import.meta.url), 'utf8'));
  const entry = messageFor('TD-BRIDGE-UNREACHABLE');
  expect(source).toContain(entry.text.ja);
  expect(source).toContain(entry.remedy.en);
});
