/**
 * Every IPC handler generated from the channel map: a trusted sender with a good
 * request reaches the service; a bad request or a foreign sender is refused with
 * a catalogue message and never reaches it. The table is typed by channel, so a
 * new channel cannot be added without its cases here.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, ipcRequestName, type Reply, type RequestChannel, type TokenDeskHandlers, type WizardView } from '../../../src/api/index.js';
import { registerIpcHandlers, type IpcMainLike } from '../../../src/app/main/ipc-handlers.js';
import { createSenderCheck, type SenderFrame } from '../../../src/app/main/sender-check.js';

const wizard: WizardView = { step: 1, status: 'input' };
const message = { code: 'TD-TOKEN-LOCKED', severity: 'error', text: { ja: 'x', en: 'x' }, cause: { ja: 'x', en: 'x' }, remedy: { ja: 'x', en: 'x' } } as const;
const diagnosis = {
  verdict: 'locked', message, notices: [], checks: [], withPin: false, loggedIn: false, tokensSeen: ['02B8BEA7'], generatedAt: '2026-01-01T00:00:00.000Z',
  report: { ja: 'r', en: 'r' },
} as const;
const details = {
  cardSerial: '1', certificateSerial: '683 (10進) / 2ab (16進)', issuerDn: 'OU=TEST CA,O=TEST CA,C=JP', expiry: '2027/01/01',
  notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z',
};
const card = { which: 'current', details, status: 'valid' } as const;
const settingsView = { settings: { caPins: [], language: 'ja' as const }, detectedModules: [] };

/** What each channel's service answers, and its good and bad requests. */
const cases: { [K in RequestChannel]: { good: unknown; bad: unknown[]; answer: unknown } } = {
  getWizard: { good: {}, bad: [{ step: 2 }, 'x', [1]], answer: wizard },
  detectToken: { good: {}, bad: [{ serial: '1' }, 7], answer: wizard },
  confirmUser: { good: {}, bad: [{ yes: true }, 'yes'], answer: wizard },
  submitStoragePin: { good: { pin: '1234567890' }, bad: [{}, { pin: 1234567890 }, { pin: '1'.repeat(65) }, { pin: '1', more: 1 }], answer: wizard },
  submitUserPin: {
    good: { newPin: 'Abcd1234', confirmation: 'Abcd1234' },
    bad: [{ newPin: 'Abcd1234' }, { newPin: 'a', confirmation: 'a', currentPin: 5 }, { newPin: 'a', confirmation: 'a', confirmFinalTry: 'yes' }],
    answer: wizard,
  },
  cancelWizard: { good: {}, bad: [{ now: 1 }], answer: wizard },
  listSlots: { good: {}, bad: [{ all: true }], answer: [{ slotId: '0', description: 'd', present: false }] },
  getSettings: { good: {}, bad: [{ x: 1 }], answer: settingsView },
  saveSettings: {
    good: { caUrl: 'https://ca.example.jp', caPins: [], language: 'en' },
    bad: [{ caUrl: 'not a url' }, { language: 'fr' }, { caPins: ['short'] }, { modulePath: '' }],
    answer: settingsView,
  },
  saveLanguage: { good: { language: 'en' }, bad: [{}, { language: 'fr' }, { language: 'en', caUrl: 'https://ca.example.jp' }], answer: settingsView },
  readDeviceInfo: {
    good: { userPin: 'Abcd1234', confirmFinalTry: true },
    bad: [{ userPin: 1 }, { pin: 'x' }, { userPin: 'x'.repeat(65) }, { userPin: 'Abcd1234', confirmFinalTry: 'yes' }],
    answer: { diagnosis },
  },
  runDiagnosis: { good: {}, bad: [{ userPin: [] }, { userPin: 'x'.repeat(65) }, { confirmFinalTry: 1 }], answer: diagnosis },
  readCard: {
    good: { which: 'new', pin: '1234' },
    bad: [{ which: 'old', pin: '1' }, { which: 'new' }, { which: 'new', pin: 1234 }, { which: 'new', pin: '1'.repeat(65) }],
    answer: card,
  },
  compareCards: { good: {}, bad: [{ a: 1 }], answer: { old: card.details, new: card.details, companyDiffers: false, warnings: [] } },
  answerPortalPrompt: {
    good: { id: 'p1', decision: 'submit', pin: 'Abcd1234' },
    bad: [{ id: 'p1' }, { id: 'p1', decision: 'maybe' }, { id: 'p1', decision: 'submit', pin: 'x'.repeat(65) }, { id: 'p1', decision: 'deny', extra: 1 }],
    answer: {},
  },
  listPortalGrants: { good: {}, bad: [{ origin: 'x' }], answer: [] },
  revokePortalGrant: { good: { origin: 'https://portal.ca.example.jp' }, bad: [{}, { origin: 1 }, { origin: 'x'.repeat(257) }], answer: [] },
  changeUserPin: {
    good: { currentPin: 'Old1234', newPin: 'New5678', confirmation: 'New5678', serial: '02B8BEA7', confirmFinalTry: true },
    bad: [{ currentPin: 'Old1234', newPin: 'New5678' }, { currentPin: 1, newPin: 'a', confirmation: 'a' }, { currentPin: 'a', newPin: 'a', confirmation: 'a', confirmFinalTry: 'yes' }, { currentPin: 'x'.repeat(65), newPin: 'a', confirmation: 'a' }],
    answer: { serial: '02B8BEA7', userPinLeft: 15 },
  },
  unlockToken: {
    good: { unlockCode: '1234567890', newPin: 'New5678', confirmation: 'New5678', confirmFinalTry: true },
    bad: [
      { unlockCode: '1234567890', newPin: 'New5678' },
      { unlockCode: 1234567890, newPin: 'a', confirmation: 'a' },
      { unlockCode: '1', newPin: 'a', confirmation: 'a', soPin: 'x' },
      { unlockCode: '1', newPin: 'a', confirmation: 'a', confirmFinalTry: 'yes' },
    ],
    answer: { serial: '02B8BEA7', reported: true, diagnosis },
  },
};

type Handler = (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>;

let handlers: Map<string, Handler>;
let calls: Array<{ channel: string; request: unknown }>;
const ours: SenderFrame = { url: 'tokendesk://app/index.html' };
const ipcMain: IpcMainLike = {
  handle: (channel, listener) => void handlers.set(channel, listener as Handler),
  removeHandler: (channel) => void handlers.delete(channel),
};
const service = Object.fromEntries(
  REQUEST_CHANNELS.map((channel) => [
    channel,
    async (request: unknown) => {
      calls.push({ channel, request });
      return cases[channel].answer;
    },
  ]),
) as unknown as TokenDeskHandlers;

let unregister: () => void;
beforeEach(() => {
  handlers = new Map();
  calls = [];
  unregister = registerIpcHandlers(ipcMain, service, createSenderCheck(() => ours));
});

it('registers exactly one handler per channel of the map, and removes them all', () => {
  expect([...handlers.keys()].sort()).toEqual(REQUEST_CHANNELS.map(ipcRequestName).sort());
  unregister();
  expect(handlers.size).toBe(0);
});

describe.each(REQUEST_CHANNELS)('%s', (channel) => {
  const invoke = (frame: SenderFrame | null, request: unknown) => handlers.get(ipcRequestName(channel))!({ senderFrame: frame }, request) as Promise<Reply<unknown>>;

  it('forwards a good request from our window and returns the service answer', async () => {
    const reply = await invoke(ours, cases[channel].good);
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    expect(calls).toEqual([{ channel, request: cases[channel].good }]);
  });

  it('refuses every bad request without reaching the service', async () => {
    for (const bad of cases[channel].bad) {
      const reply = await invoke(ours, bad);
      expect(reply.ok, JSON.stringify(bad)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('TD-API-BAD-REQUEST');
    }
    expect(calls).toEqual([]);
  });

  it('refuses a sender that is not our main frame', async () => {
    for (const frame of [null, { url: 'tokendesk://app/index.html' }, { url: 'https://evil.example/' }]) {
      const reply = await invoke(frame, cases[channel].good);
      expect(reply.ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('never echoes a request value in a refusal', async () => {
    const reply = await invoke(ours, { pin: 'SECRET-9876', newPin: 'SECRET-9876', userPin: 42, extra: 'SECRET-9876' });
    expect(JSON.stringify(reply)).not.toContain('SECRET-9876');
  });
});

it('turns a service failure into a catalogue message, never the error text', async () => {
  const failing = { ...service, detectToken: async () => { throw new Error('/secret/path stack details'); } } as TokenDeskHandlers;
  handlers = new Map();
  registerIpcHandlers(ipcMain, failing, createSenderCheck(() => ours));
  const reply = (await handlers.get(ipcRequestName('detectToken'))!({ senderFrame: ours }, {})) as Reply<unknown>;
  expect(reply.ok).toBe(false);
  expect(JSON.stringify(reply)).not.toContain('/secret/path');
  if (!reply.ok) expect(reply.error.code).toBe('19999');
});

it('refuses a reply that does not match its schema (a defect, not passed on)', async () => {
  const broken = { ...service, getWizard: async () => ({ step: 9 }) } as unknown as TokenDeskHandlers;
  handlers = new Map();
  registerIpcHandlers(ipcMain, broken, createSenderCheck(() => ours));
  const reply = (await handlers.get(ipcRequestName('getWizard'))!({ senderFrame: ours }, {})) as Reply<unknown>;
  expect(reply.ok).toBe(false);
});
