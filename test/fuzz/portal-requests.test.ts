/**
 * What a web page sends the device module is outside input: any text must end in
 * an answer or the connection's end (1008) — never an exception out of the
 * module, never a token's data for an origin nobody allowed.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ConsentStore } from '../../src/device-module/consent-store.js';
import { openPortalConnection } from '../../src/device-module/portal-connection.js';
import { PresenceHub } from '../../src/device-module/presence-hub.js';
import { PromptDesk } from '../../src/device-module/prompt-desk.js';

const METHODS = ['hello', 'requestAccess', 'listTokens', 'readDevice', 'signChallenge', 'x', '__proto__', 'constructor'];

/** Requests near the real shape, and shapes nowhere near it. */
const frames = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .record({
      v: fc.oneof(fc.constant('tokendesk-portal/1'), fc.string({ maxLength: 20 })),
      id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string({ maxLength: 5 })),
      method: fc.constantFrom(...METHODS),
      params: fc.oneof(fc.constant(undefined), fc.object({ maxDepth: 2 }), fc.record({ nonce: fc.string({ maxLength: 140 }), origin: fc.string({ maxLength: 40 }), expectedSerial: fc.string({ maxLength: 70 }) }, { requiredKeys: [] })),
    })
    .map((request) => JSON.stringify(request)),
);

it('answers or ends the connection for any frame, and serves nothing before consent', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(frames, { minLength: 1, maxLength: 8 }), async (texts) => {
      const desk = new PromptDesk(new ConsentStore(), { promptTimeoutMs: 5 });
      const sent: Array<Record<string, unknown>> = [];
      let ended: number | undefined;
      const connection = openPortalConnection(
        'https://fuzz.example',
        (message) => sent.push(message),
        (code) => {
          ended = code;
        },
        {
          desk,
          consent: desk.consent,
          presence: new PresenceHub(async () => '/nonexistent/libnothing.so'),
          modulePath: async () => '/nonexistent/libnothing.so',
          product: { name: 'TokenDesk', version: '0' },
        },
      );
      for (const text of texts) connection.receive(text);
      await new Promise((resolve) => setTimeout(resolve, 20));
      connection.closed();
      desk.close();
      if (ended !== undefined) expect(ended).toBe(1008);
      for (const message of sent) {
        if (message.ok === true) {
          const result = message.result as Record<string, unknown>;
          // Only hello answers before consent; requestAccess waits for a user who never comes.
          expect(Object.keys(result).sort()).toEqual(['allowed', 'origin', 'product', 'protocol', 'version']);
        }
      }
    }),
    { numRuns: 150 },
  );
});
