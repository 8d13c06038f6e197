/**
 * The Flow B/C/D requests at the boundary (dispatch, which Electron main and the
 * bridge share): a PIN of the wrong type or over its bound, or a field the channel
 * does not know, is refused with the catalogue's words before the service is
 * reached — and the refusal never carries the value that was sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, type TokenDeskHandlers } from '../../../src/api/index.js';
import { dispatch } from '../../../src/core/service/dispatch.js';

const SECRET = '8642SECRET9753';
let reached: string[];
const handlers = Object.fromEntries(
  REQUEST_CHANNELS.map((channel) => [
    channel,
    async () => {
      reached.push(channel);
      throw new Error('not for this test');
    },
  ]),
) as unknown as TokenDeskHandlers;

beforeEach(() => {
  reached = [];
});

const refusals: Array<[channel: 'readDeviceInfo' | 'runDiagnosis' | 'readCard', request: unknown]> = [
  ['readDeviceInfo', { userPin: 12345678 }],
  ['readDeviceInfo', { userPin: SECRET.repeat(5) }],
  ['readDeviceInfo', { userPin: [SECRET] }],
  ['readDeviceInfo', { userPin: SECRET, confirmFinalTry: 'true' }],
  ['readDeviceInfo', { userPin: SECRET, serial: SECRET }],
  ['runDiagnosis', { userPin: { value: SECRET } }],
  ['runDiagnosis', { userPin: `${SECRET}${'9'.repeat(60)}` }],
  ['runDiagnosis', { userPin: SECRET, pin: SECRET }],
  ['readCard', { which: 'current', pin: 1234 }],
  ['readCard', { which: 'current', pin: '1'.repeat(65) }],
  ['readCard', { which: 'current' }],
  ['readCard', { which: 'old', pin: SECRET }],
  ['readCard', { which: 'new', pin: SECRET, confirmFinalTry: 1 }],
];

describe('Flow B/C/D requests', () => {
  it.each(refusals)('%s refuses %j without reaching the service or echoing it', async (channel, request) => {
    const reply = await dispatch(handlers, channel, request);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('TD-API-BAD-REQUEST');
    expect(reached).toEqual([]);
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    expect(JSON.stringify(reply)).not.toContain('1111');
  });

  it('accepts a PIN at its bound (64) and the optional final-try confirmation', async () => {
    await dispatch(handlers, 'readDeviceInfo', { userPin: 'A'.repeat(64), confirmFinalTry: true });
    await dispatch(handlers, 'runDiagnosis', {});
    await dispatch(handlers, 'runDiagnosis', { userPin: 'Abcd1234' });
    await dispatch(handlers, 'readCard', { which: 'new', pin: '1234', confirmFinalTry: false });
    await dispatch(handlers, 'compareCards', {});
    expect(reached).toEqual(['readDeviceInfo', 'runDiagnosis', 'runDiagnosis', 'readCard', 'compareCards']);
  });

  it('turns a failure inside the service into a catalogue message without its text', async () => {
    const reply = await dispatch(handlers, 'runDiagnosis', { userPin: SECRET });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain('not for this test');
    expect(JSON.stringify(reply)).not.toContain(SECRET);
  });
});
