/** Which badges a device earns: the token's troubles first, then the certificate's status. */
import { describe, expect, it } from 'vitest';
import type { DeviceInfoView, TokenView } from '../../../src/api/index.js';
import { deviceBadges } from '../../../src/app/renderer/screens/device/device-badges.js';

const token: TokenView = {
  slotId: '0',
  serial: '02B8BEA7',
  label: 'TokenDesk',
  manufacturer: 'SafeNet, Inc.',
  model: 'eToken',
  hardwareVersion: { major: 1, minor: 0 },
  firmwareVersion: { major: 1, minor: 0 },
  pinState: 'ok',
  soPinState: 'ok',
  legacy: false,
  initialized: true,
  loginRequired: true,
  protectedAuthenticationPath: false,
  minPinLength: 4,
  maxPinLength: 8,
};

const view = (patch: Partial<DeviceInfoView>): DeviceInfoView => ({ token, certificateState: 'found', damage: 'ok', notices: [], ...patch });

describe('deviceBadges', () => {
  it.each(['valid', 'renewSoon', 'expired', 'notYetValid', 'revoked', 'unknown'] as const)('shows the certificate status %s', (status) => {
    expect(deviceBadges(view({ status }))).toEqual([status]);
  });

  it('puts damage and a locked PIN before the certificate status', () => {
    expect(deviceBadges(view({ status: 'valid', damage: 'damaged', token: { ...token, pinState: 'locked' } }))).toEqual(['damaged', 'locked', 'valid']);
  });

  it('counts an unreadable certificate as damage', () => {
    expect(deviceBadges(view({ certificateState: 'unreadable' }))).toEqual(['damaged']);
  });

  it('shows a revocation the CA reported even when the dates alone say valid', () => {
    expect(deviceBadges(view({ status: 'valid', revocation: 'revoked' }))).toEqual(['revoked']);
    expect(deviceBadges(view({ status: 'revoked', revocation: 'revoked' }))).toEqual(['revoked']);
  });
});
