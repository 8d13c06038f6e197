/** Which badges a device earns: the token's troubles first, then the certificate's status — from one diagnosis run. */
import { describe, expect, it } from 'vitest';
import type { DeviceInfoView, DiagnosisView, UserMessage } from '../../../src/api/index.js';
import { deviceBadges, isDamaged } from '../../../src/app/renderer/screens/device/device-badges.js';

const message = (code: string): UserMessage => ({ code, severity: 'info', text: { ja: 'x', en: 'x' }, cause: { ja: 'x', en: 'x' }, remedy: { ja: 'x', en: 'x' } });
const token = { serial: '02B8BEA7', label: 'TokenDesk', manufacturer: 'SafeNet, Inc.', model: 'eToken', hardwareVersion: '1.0', firmwareVersion: '1.0', pinState: 'ok' } as const;
type Status = NonNullable<DiagnosisView['status']>;

const diagnosis = (patch: Partial<DiagnosisView> = {}): DiagnosisView => ({
  verdict: 'healthy',
  message: message('TD-DIAG-HEALTHY'),
  notices: [],
  checks: [],
  withPin: true,
  loggedIn: true,
  tokensSeen: [token.serial],
  token,
  generatedAt: '2026-01-01T00:00:00.000Z',
  report: { ja: 'r', en: 'r' },
  ...patch,
});

const status = (value: Status['status'], revocation: Status['revocation'] = 'good'): Status => ({
  status: value,
  validity: value === 'revoked' || value === 'unknown' ? 'valid' : value,
  clockSource: 'ca',
  revocation,
});

const view = (patch: Partial<DiagnosisView> = {}, info = true): DeviceInfoView => {
  const run = diagnosis(patch);
  if (!info || !run.status) return { diagnosis: run };
  return {
    diagnosis: run,
    info: {
      validFrom: '2026/01/01', validTo: '2027/01/01', issuedOn: '2026/01/01', certificateSerial: '683 (10進) / 2ab (16進)', issuerDn: 'CN=CA',
      status: run.status.status, statusMessage: message('TD-STATUS-VALID'), token, health: run.verdict, healthMessage: run.message, notices: [],
    },
  };
};

describe('deviceBadges', () => {
  it.each(['valid', 'renewSoon', 'expired', 'notYetValid', 'revoked', 'unknown'] as const)('shows the certificate status %s', (value) => {
    expect(deviceBadges(view({ status: status(value) }))).toEqual([value]);
  });

  it('puts damage and a locked PIN before the certificate status', () => {
    const checks: DiagnosisView['checks'] = [
      { id: 'keyPair', label: { ja: 'k', en: 'k' }, result: 'failed', detail: { ja: 'd', en: 'd' }, verdict: 'keyMismatch' },
    ];
    expect(deviceBadges(view({ status: status('valid'), checks, token: { ...token, pinState: 'locked' } }))).toEqual(['damaged', 'locked', 'valid']);
  });

  it('shows a locked token without a login (no facts, no certificate status)', () => {
    expect(deviceBadges(view({ verdict: 'locked', loggedIn: false, token: { ...token, pinState: 'locked' } }, false))).toEqual(['locked']);
  });

  it.each(['damaged', 'removed', 'certificateUnreadable', 'keyMismatch'] as const)('counts the verdict %s as damage', (verdict) => {
    const damaged = view({ verdict, loggedIn: false }, false);
    expect(isDamaged(damaged)).toBe(true);
    expect(deviceBadges(damaged)).toEqual(['damaged']);
  });

  it('does not count a wrong PIN or an empty token as damage', () => {
    expect(isDamaged(view({ verdict: 'pinIncorrect', loggedIn: false }, false))).toBe(false);
    expect(isDamaged(view({ verdict: 'empty', loggedIn: false }, false))).toBe(false);
  });

  it('shows a revocation the CA reported even when the dates alone say valid', () => {
    expect(deviceBadges(view({ status: status('valid', 'revoked') }))).toEqual(['revoked']);
    expect(deviceBadges(view({ status: status('revoked', 'revoked') }))).toEqual(['revoked']);
  });
});
