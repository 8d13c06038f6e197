/**
 * The desk of prompts: one per origin, joined by repeated asks; a prompt nobody
 * answers is withdrawn (not a denial: no wait imposed); at most a few origins wait
 * at once; an answer must fit its prompt; the PIN leaves only as a Secret.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/messages/index.js';
import { ConsentStore } from '../../../src/device-module/consent-store.js';
import { PromptDesk } from '../../../src/device-module/prompt-desk.js';

const desk = (options: ConstructorParameters<typeof PromptDesk>[1] = {}) => new PromptDesk(new ConsentStore(), options);

describe('PromptDesk', () => {
  it('withdraws a prompt nobody answers, without making the origin wait', async () => {
    const d = desk({ promptTimeoutMs: 50 });
    const asked = d.requestAccess('https://a.example');
    expect(await asked.decision).toBe('deny');
    expect(d.snapshot().prompts).toEqual([]);
    expect(d.consent.waitMs('https://a.example')).toBe(0);
  });

  it('withdraws a prompt when the last page waiting for it leaves', async () => {
    const d = desk();
    const first = d.requestAccess('https://a.example');
    const second = d.requestAccess('https://a.example');
    expect(second.pairingCode).toBe(first.pairingCode);
    first.leave();
    expect(d.snapshot().prompts).toHaveLength(1);
    second.leave();
    expect(d.snapshot().prompts).toEqual([]);
    expect(await first.decision).toBe('deny');
  });

  it('lets at most five origins wait at once', () => {
    const d = desk();
    for (let i = 0; i < 5; i++) d.requestAccess(`https://o${i}.example`);
    expect(() => d.requestAccess('https://o5.example')).toThrow(InputError);
    d.close();
  });

  it('never crowds out an origin the CA\'s policy file lists: a flood of other origins cannot keep the CA\'s page from asking', () => {
    const d = new PromptDesk(new ConsentStore({ policy: ['https://portal.ca.example.jp'] }));
    for (let i = 0; i < 5; i += 1) d.requestAccess(`https://s${i}.flood.example`);
    expect(() => d.requestAccess('https://s5.flood.example')).toThrow(InputError);
    const ca = d.requestAccess('https://portal.ca.example.jp');
    expect(d.snapshot().prompts.map((prompt) => prompt.origin)).toContain('https://portal.ca.example.jp');
    expect(d.snapshot().prompts.find((prompt) => prompt.origin === 'https://portal.ca.example.jp')?.preListed).toBe(true);
    ca.leave();
    d.close();
  });

  it('refuses an answer that does not fit its prompt, and one for a prompt gone', () => {
    const d = desk();
    d.requestAccess('https://a.example');
    const id = d.snapshot().prompts[0]!.id;
    expect(() => d.answer({ id, decision: 'submit', pin: '1234' })).toThrow(InputError);
    d.answer({ id, decision: 'always' });
    expect(() => d.answer({ id, decision: 'always' })).toThrow(InputError);
    expect(d.consent.allowed('https://a.example')).toBe(true);
  });

  it('hands the PIN on as a Secret, and refuses a second PIN prompt for the same origin', async () => {
    const d = desk();
    const asked = d.askPin('https://a.example', 'readDevice', { serial: '02B8BEA7', finalTry: true });
    expect(() => d.askPin('https://a.example', 'signChallenge', { serial: '02B8BEA7', finalTry: false })).toThrow(InputError);
    const prompt = d.snapshot().prompts[0]!;
    expect(prompt).toMatchObject({ kind: 'pin', purpose: 'readDevice', tokenSerial: '02B8BEA7', finalTry: true });
    d.answer({ id: prompt.id, decision: 'submit', pin: 'Tarou123', confirmFinalTry: true });
    const answer = await asked.answer;
    expect(answer.confirmFinalTry).toBe(true);
    expect(answer.pin.reveal()).toBe('Tarou123');
    answer.pin.wipe();
    expect(JSON.stringify(d.snapshot())).not.toContain('Tarou123');
  });
});
