// The ASN.1 times read from certificates and CRLs (der-time.ts), which node-forge read
// before: the same instants for every form RFC 5280 and older CAs write, and no date
// that does not exist rolled over into one that does.
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { timeFromText } from '../../../src/core/x509/der-time.js';

describe('ASN.1 times', () => {
  it('reads the RFC 5280 forms as forge did, with UTCTime years 50–99 in the 1900s', () => {
    for (const text of ['491231235959Z', '500101000000Z', '260401120000Z', '991231235959Z', '000229000000Z']) {
      expect(timeFromText(text, 'utc')?.toISOString(), text).toBe(forge.asn1.utcTimeToDate(text).toISOString());
    }
    for (const text of ['20500101000000Z', '20261201093000Z', '99991231235959Z', '19700101000000Z']) {
      expect(timeFromText(text, 'generalized')?.toISOString(), text).toBe(forge.asn1.generalizedTimeToDate(text).toISOString());
    }
    expect(timeFromText('491231235959Z', 'utc')?.toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(timeFromText('500101000000Z', 'utc')?.toISOString()).toBe('1950-01-01T00:00:00.000Z');
  });

  it('reads what older CAs wrote: no seconds, an offset instead of Z, a fraction of a second', () => {
    expect(timeFromText('2612010930Z', 'utc')?.toISOString()).toBe('2026-12-01T09:30:00.000Z');
    expect(timeFromText('261201093000+0900', 'utc')?.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(timeFromText('2612010930-0130', 'utc')?.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(timeFromText('20261201093000.25Z', 'generalized')?.toISOString()).toBe('2026-12-01T09:30:00.250Z');
    expect(timeFromText('20261201093000.1239+0900', 'generalized')?.toISOString()).toBe('2026-12-01T00:30:00.123Z');
    expect(timeFromText('00010101000000Z', 'generalized')?.toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it('refuses a date that does not exist, where forge rolled it into another', () => {
    for (const text of ['261301000000Z', '260230000000Z', '250229000000Z', '260431000000Z', '261200000000Z', '261201240000Z', '261201236000Z', '261201235960Z']) {
      expect(timeFromText(text, 'utc'), text).toBeUndefined();
    }
    expect(forge.asn1.utcTimeToDate('260230000000Z').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(timeFromText('20000229000000Z', 'generalized')).toBeDefined();
    expect(timeFromText('21000229000000Z', 'generalized')).toBeUndefined();
    expect(timeFromText('261201000000+2400', 'utc')).toBeUndefined();
    expect(timeFromText('261201000000+0960', 'utc')).toBeUndefined();
  });

  it('refuses a GeneralizedTime in local time (no Z, no offset), text of the other type, and garbage', () => {
    expect(timeFromText('20261201093000', 'generalized')).toBeUndefined();
    expect(timeFromText('20261201093000Z', 'utc')).toBeUndefined();
    expect(timeFromText('261201093000Z', 'generalized')).toBeUndefined();
    for (const text of ['', 'Z', '2612010930', '26120109300Z', '26-201093000Z', '２６1201093000Z', '261201093000Z\n', '20261201093000.Z']) {
      expect(timeFromText(text, 'utc'), text).toBeUndefined();
      expect(timeFromText(text, 'generalized'), text).toBeUndefined();
    }
  });
});
