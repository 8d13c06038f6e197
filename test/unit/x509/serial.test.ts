import { describe, expect, it } from 'vitest';
import { serialFromBytes, serialFromHex } from '../../../src/core/x509/index.js';

describe('certificate serial', () => {
  it('shows the Ise e-bidding manual examples', () => {
    expect(serialFromHex('02AB').display).toBe('683 (10進) / 2ab (16進)');
    expect(serialFromBytes(Buffer.from([0x02, 0x93])).display).toBe('659 (10進) / 293 (16進)');
  });

  it('keeps every digit of a 20-octet serial (Aomori e-bidding manual shows 48 decimal digits)', () => {
    const decimal = '246187065731116185158328469941009070494604893755';
    const hex = BigInt(decimal).toString(16);
    const serial = serialFromBytes(Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex'));
    expect(serial.decimal).toBe(decimal);
    expect(serial.hex).toBe(hex.padStart(hex.length + (hex.length % 2), '0').toUpperCase());
  });

  it('drops the sign octet and leading zeros, and reads a high-bit serial as unsigned', () => {
    expect(serialFromBytes(Buffer.from([0x00, 0x80])).hex).toBe('80');
    expect(serialFromBytes(Buffer.from([0x00])).hex).toBe('00');
    expect(serialFromBytes(Buffer.from([0x80])).decimal).toBe('128');
    expect(serialFromBytes(Buffer.from([0x00])).display).toBe('0 (10進) / 0 (16進)');
    expect(serialFromHex('00:02:ab').hex).toBe('02AB');
    expect(serialFromHex('23a7d3a517c68b6f').hex).toBe('23A7D3A517C68B6F');
  });

  it('refuses text that is not hex', () => {
    expect(() => serialFromHex('xyz')).toThrow(RangeError);
  });
});
