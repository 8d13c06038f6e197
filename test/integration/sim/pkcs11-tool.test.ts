/**
 * The eToken sim seen by a third-party consumer, OpenSC's pkcs11-tool: each call is
 * a new process, so everything here also proves the state survives restarts.
 */
import { spawnSync } from 'node:child_process';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

let sim: EtokenSim;

beforeEach(() => {
  sim = createEtokenSim({ tokens: 2, setProcessEnv: false });
});
afterEach(() => sim.cleanup());

/** pkcs11-tool's outcome, whether it succeeded or not. */
function tool(args: string[]): { status: number; output: string } {
  const result = spawnSync('pkcs11-tool', ['--module', sim.modulePath, ...args], { env: sim.env, encoding: 'utf8' });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function tokenFlags(serial: string): string {
  const listing = tool(['-T']).output;
  const block = listing.split(/\n(?=Slot )/u).find((b) => b.includes(`serial num         : ${serial}`));
  if (!block) throw new Error(`token ${serial} not listed:\n${listing}`);
  return /token flags\s+:\s+(.*)/u.exec(block)?.[1] ?? '';
}

function loginAsUser(serial: string, pin: string): { status: number; output: string } {
  return tool(['--token-label', labelOf(serial), '--login', '--pin', pin, '--list-objects']);
}

function labelOf(serial: string): string {
  const token = sim.tokens.find((t) => t.simSerial === serial);
  if (!token) throw new Error(`no token ${serial}`);
  return token.label;
}


describe('eToken sim through pkcs11-tool', () => {
  it('lists two slots, each an eToken with a stable 8-hex-digit serial', () => {
    const listing = tool(['-L']);
    expect(listing.status).toBe(0);
    expect(listing.output.match(/^Slot \d+ /gmu)).toHaveLength(2);
    expect(listing.output.match(/token manufacturer : SafeNet, Inc\./gu)).toHaveLength(2);
    expect(listing.output.match(/token model\s+: eToken/gu)).toHaveLength(2);
    for (const token of sim.tokens) {
      expect(token.simSerial).toMatch(/^[0-9A-F]{8}$/u);
      expect(listing.output).toContain(`serial num         : ${token.simSerial}`);
    }
  });

  it('locks the user PIN after 15 wrong logins, refuses the right one, and SO init-pin unlocks it', () => {
    tool(['-L']);
    const [token] = sim.tokens;
    if (!token) throw new Error('no token');
    for (let attempt = 1; attempt <= 15; attempt += 1) {
      const wrong = loginAsUser(token.simSerial, '00000000');
      expect(wrong.status).not.toBe(0);
      expect(wrong.output).toContain('CKR_PIN_INCORRECT'); // the 15th wrong PIN is still "incorrect"; it locks for the next
      if (attempt === 1) expect(tokenFlags(token.simSerial)).toContain('user PIN count low');
      if (attempt === 14) expect(tokenFlags(token.simSerial)).toContain('final user PIN try');
    }
    expect(tokenFlags(token.simSerial)).toContain('user PIN locked');
    const right = loginAsUser(token.simSerial, token.userPin);
    expect(right.status).not.toBe(0);
    expect(right.output).toContain('CKR_PIN_LOCKED');
    expect(JSON.parse(sim.control(['status', '--json'])).tokens).toContainEqual(
      expect.objectContaining({ serial: token.simSerial, userPinRetriesLeft: 0 }),
    );

    const unlock = tool([
      '--token-label', token.label, '--login', '--login-type', 'so', '--so-pin', token.soPin, '--init-pin', '--new-pin', token.userPin,
    ]);
    expect(unlock.status, unlock.output).toBe(0);
    expect(tokenFlags(token.simSerial)).not.toContain('locked');
    expect(loginAsUser(token.simSerial, token.userPin).status).toBe(0);
  });

  it('resets the count on a right login, and locks the SO PIN too', () => {
    tool(['-L']);
    const [token] = sim.tokens;
    if (!token) throw new Error('no token');
    sim.control(['set-max-retries', '3']);
    loginAsUser(token.simSerial, '00000000');
    expect(tokenFlags(token.simSerial)).toContain('user PIN count low');
    expect(loginAsUser(token.simSerial, token.userPin).status).toBe(0);
    expect(tokenFlags(token.simSerial)).not.toContain('count low');

    const soLogin = (pin: string) => tool(['--token-label', token.label, '--session-rw', '--login', '--login-type', 'so', '--so-pin', pin, '--list-objects']);
    for (let i = 0; i < 3; i += 1) expect(soLogin('99999999').output).toContain('CKR_PIN_INCORRECT');
    expect(tokenFlags(token.simSerial)).toContain('SO PIN locked');
    expect(soLogin(token.soPin).output).toContain('CKR_PIN_LOCKED');
  });

  it('empties the slot on removal and brings the token back on insertion', () => {
    tool(['-L']);
    const [first, second] = sim.tokens;
    if (!first || !second) throw new Error('two tokens expected');
    sim.control(['remove', '--serial', first.simSerial]);
    const removed = tool(['-L']).output;
    expect(removed.match(/^Slot \d+ /gmu)).toHaveLength(2); // the slot (reader) stays
    expect(removed).toContain('(empty)');
    expect(removed).not.toContain(first.simSerial);
    expect(removed).toContain(second.simSerial);
    expect(loginAsUser(first.simSerial, first.userPin).status).not.toBe(0);

    sim.control(['insert', '--serial', first.simSerial]);
    expect(tool(['-L']).output).toContain(first.simSerial);
    expect(loginAsUser(first.simSerial, first.userPin).status).toBe(0);
  });

  it('fails a named function with a named code, once or from the Nth call on', () => {
    tool(['-L']);
    const [token] = sim.tokens;
    if (!token) throw new Error('no token');
    const random = () => tool(['--token-label', token.label, '--generate-random', '16']);

    sim.control(['fail', 'C_OpenSession', 'CKR_DEVICE_MEMORY', '--once']);
    expect(random().output).toContain('C_OpenSession failed: rv = CKR_DEVICE_MEMORY');
    expect(random().status).toBe(0);

    // A damaged token: every C_GetTokenInfo on it fails, in every process, until cleared; the other token still answers.
    const [, other] = sim.tokens;
    if (!other) throw new Error('two tokens expected');
    sim.control(['fail', 'C_GetTokenInfo', 'CKR_DEVICE_ERROR', '--serial', token.simSerial]);
    for (let run = 0; run < 2; run += 1) {
      const listing = tool(['-L']).output;
      expect(listing).toContain('C_GetTokenInfo() failed: rv = CKR_DEVICE_ERROR');
      expect(listing).toContain(other.simSerial);
    }
    expect(sim.control(['status'])).toContain(`C_GetTokenInfo → CKR_DEVICE_ERROR (0x00000030) from call 1 on, token ${token.simSerial}`);
    sim.control(['clear']);
    expect(tool(['-L']).output).toContain(token.simSerial);
  });

  it('explains a bad control command in Japanese and English', () => {
    expect(() => sim.control(['fail', 'C_Nothing', 'CKR_DEVICE_ERROR'])).toThrow(/不明な PKCS#11 関数です[\s\S]*Unknown PKCS#11 function/u);
    expect(() => sim.control(['fail', 'C_Sign', 'CKR_NOPE'])).toThrow(/不明な戻り値コード[\s\S]*Unknown return code/u);
    expect(() => sim.control(['remove'])).toThrow(/Load the module once/u);
  });
});
