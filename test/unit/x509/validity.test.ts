import { describe, expect, it } from 'vitest';
import { daysUntilExpiry, formatJstDate, formatJstDateTime, validityStatus } from '../../../src/core/x509/index.js';

const window = { notBefore: new Date('2025-03-01T00:00:00Z'), notAfter: new Date('2028-02-29T14:59:59Z') };
const options = { renewWindowDays: 60 };

describe('validityStatus', () => {
  it.each([
    ['2025-02-28T23:59:59Z', 'notYetValid'],
    ['2025-03-01T00:00:00Z', 'valid'],
    ['2027-12-31T14:59:58Z', 'valid'],
    ['2027-12-31T14:59:59Z', 'renewSoon'],
    ['2028-02-29T14:59:59Z', 'renewSoon'],
    ['2028-02-29T15:00:00Z', 'expired'],
  ])('at %s → %s', (now, status) => {
    expect(validityStatus(window, new Date(now), options)).toBe(status);
  });

  it('uses the window it is given', () => {
    expect(validityStatus(window, new Date('2028-02-01T00:00:00Z'), { renewWindowDays: 30 })).toBe('renewSoon');
    expect(validityStatus(window, new Date('2028-02-01T00:00:00Z'), { renewWindowDays: 10 })).toBe('valid');
  });
});

describe('dates in JST', () => {
  it('prints the Ise e-bidding manual expiry for a notAfter at 23:59:59 JST', () => {
    expect(formatJstDate(window.notAfter)).toBe('2028/02/29');
    expect(formatJstDateTime(window.notAfter)).toBe('2028/02/29 23:59:59');
  });

  it('rolls over at JST midnight, not UTC midnight', () => {
    expect(formatJstDate(new Date('2025-03-31T14:59:59Z'))).toBe('2025/03/31');
    expect(formatJstDate(new Date('2025-03-31T15:00:00Z'))).toBe('2025/04/01');
  });

  it('counts days left in JST calendar days', () => {
    expect(daysUntilExpiry(window, new Date('2028-02-29T01:00:00Z'))).toBe(0);
    expect(daysUntilExpiry(window, new Date('2028-02-28T14:00:00Z'))).toBe(1);
    expect(daysUntilExpiry(window, new Date('2028-03-01T00:00:00Z'))).toBe(-1);
  });
});
