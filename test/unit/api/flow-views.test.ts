/**
 * The cores' results as the API carries them: a Diagnosis, DeviceInfo and card
 * details made into views pass their own schemas (so dispatch lets them out), with
 * dates as text, each check named, and the report in both languages.
 */
import { describe, expect, it } from 'vitest';
import { CardComparisonViewSchema, CardViewSchema, DeviceInfoViewSchema, DiagnosisViewSchema } from '../../../src/api/index.js';
import { compareCards, type CardDetails } from '../../../src/core/card/index.js';
import type { DeviceInfo } from '../../../src/core/device-info/index.js';
import { CHECK_IDS, VERDICTS, type Diagnosis } from '../../../src/core/diagnosis/index.js';
import { messageFor } from '../../../src/core/messages/index.js';
import { toCardComparisonView, toCardView, toDeviceInfoView, toDiagnosisView } from '../../../src/core/service/flow-views.js';

const token = { serial: '02B8BEA7', label: 'TokenDesk', manufacturer: 'SafeNet, Inc.', model: 'eToken', hardwareVersion: '1.0', firmwareVersion: '1.0', pinState: 'locked' as const, userPinLeft: 0, userPinMax: 15, device: { model: 'eToken 5110 CC', productionDate: '2023-04-15' } };

const locked: Diagnosis = {
  verdict: 'locked',
  message: messageFor('TD-TOKEN-LOCKED'),
  notices: [],
  checks: CHECK_IDS.map((id) => (id === 'pinState' ? { id, result: 'failed', detail: { ja: 'ロック中', en: 'locked' }, verdict: 'locked', message: messageFor('TD-TOKEN-LOCKED') } : { id, result: 'ok', detail: { ja: '正常', en: 'ok' } })),
  withPin: false,
  loggedIn: false,
  module: { path: '/usr/lib/libeTPkcs11.so', manufacturer: 'SafeNet', description: 'eToken', cryptokiVersion: '2.20', libraryVersion: '10.8' },
  tokensSeen: [token.serial],
  token,
  certificate: { holderName: 'Souken Tarou', serial: '683 (10進) / 2ab (16進)', issuerDn: 'CN=CA', notBefore: '2026/01/01', notAfter: '2027/01/01' },
  status: { status: 'valid', validity: 'valid', clockSource: 'ca', revocation: 'good' },
  generatedAt: new Date('2026-03-01T01:02:03Z'),
};

const card = (serial: string, company: string): CardDetails => ({
  cardSerial: serial,
  company,
  holderName: '入札 太郎',
  certificateSerial: '683 (10進) / 2ab (16進)',
  issuerDn: 'OU=TEST CA,O=TEST CA,C=JP',
  expiry: '2028/02/29',
  notBefore: new Date('2026-03-01T00:00:00Z'),
  notAfter: new Date('2028-02-28T15:00:00Z'),
});

describe('flow views', () => {
  it('knows every verdict and check of the core', () => {
    expect(DiagnosisViewSchema.shape.verdict.options).toEqual([...VERDICTS]);
    expect(DiagnosisViewSchema.shape.checks.element.shape.id.options).toEqual([...CHECK_IDS]);
  });

  it('carries a diagnosis: named checks, ISO time, the report in both languages', () => {
    const view = DiagnosisViewSchema.parse(toDiagnosisView(locked));
    expect(view.generatedAt).toBe('2026-03-01T01:02:03.000Z');
    expect(view.checks.find((check) => check.id === 'pinState')).toMatchObject({ result: 'failed', verdict: 'locked', label: { ja: 'ユーザーPINの状態（ロック）' } });
    expect(view.report.ja).toContain('USBトークンがロックされています。');
    expect(view.report.ja).toContain(token.serial);
    expect(view.report.en).toContain('The USB token is locked.');
  });

  it('carries device information with and without the facts', () => {
    const info: DeviceInfo = {
      ownerName: 'Souken Tarou', validFrom: '2026/01/01', validTo: '2027/01/01', issuedOn: '2026/01/01', certificateSerial: '683 (10進) / 2ab (16進)', issuerDn: 'CN=CA',
      status: 'valid', statusMessage: messageFor('TD-STATUS-VALID', { notAfter: '2027/01/01' }), token, health: 'healthy', healthMessage: messageFor('TD-DIAG-HEALTHY'), notices: [],
    };
    expect(DeviceInfoViewSchema.parse(toDeviceInfoView({ info, diagnosis: locked })).info?.ownerName).toBe('Souken Tarou');
    expect(DeviceInfoViewSchema.parse(toDeviceInfoView({ diagnosis: locked })).info).toBeUndefined();
  });

  it('carries cards and their comparison with dates as text', () => {
    const view = CardViewSchema.parse(toCardView('current', card('A1', '株式会社テスト'), 'valid'));
    expect(view.details.notAfter).toBe('2028-02-28T15:00:00.000Z');
    const comparison = CardComparisonViewSchema.parse(toCardComparisonView(compareCards(card('A1', '株式会社テスト'), card('B2', '株式会社ベツ'), new Date('2027-01-01T00:00:00Z'))));
    expect(comparison.companyDiffers).toBe(true);
    expect(comparison.warnings.map((warning) => warning.code)).toContain('TD-CARD-COMPANY-DIFFERS');
    expect(comparison.refusal).toBeUndefined();
    const late = toCardComparisonView(compareCards(card('A1', 'X'), card('B2', 'X'), new Date('2029-01-01T00:00:00Z')));
    expect(late.refusal?.code).toBe('TD-CARD-EXPIRED-NEW-REGISTRATION');
  });
});
