/**
 * The checked-in icons are exactly what `npm run icons` makes from the SVG sources
 * (regenerated into a temp dir and compared byte for byte), at every size
 * electron-builder asks for: a Linux set of NxN PNGs, an .ico holding 256×256
 * (electron-builder refuses smaller), an .icns holding 512 and 1024, NSIS's
 * 164×314 and 150×57 bitmaps, and a tray icon per token state at 1× and 2×.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS_DIR, ICON_SIZES, INSTALLER_IMAGES, TRAY_SIZE, makeIcons } from '../../../scripts/make-icons.js';
import { TRAY_ICONS } from '../../../src/core/desktop/index.js';

let out: string;
let written: string[];
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'td-icons-'));
  written = makeIcons(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const pngSize = (file: Buffer) => [file.readUInt32BE(16), file.readUInt32BE(20)];

/** ICO directory entries: width, height (0 means 256). */
function icoSizes(file: Buffer): number[] {
  expect(file.readUInt16LE(2)).toBe(1);
  return Array.from({ length: file.readUInt16LE(4) }, (_, i) => file[6 + i * 16] || 256);
}

/** ICNS element types ('ic09' = 512 PNG, 'ic10' = 1024 PNG …). */
function icnsTypes(file: Buffer): string[] {
  expect(file.toString('latin1', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const types: string[] = [];
  for (let at = 8; at < file.length; at += file.readUInt32BE(at + 4)) types.push(file.toString('latin1', at, at + 4));
  return types;
}

describe('assets/ icons', () => {
  it('are what npm run icons makes from the SVG sources, byte for byte', () => {
    expect(written.length).toBeGreaterThan(0);
    const differing = written.filter((file) => !readFileSync(join(out, file)).equals(readFileSync(join(ASSETS_DIR, file))));
    expect(differing).toEqual([]);
  });

  it('has the Linux PNG set at every hicolor size, each the size its name says', () => {
    const files = readdirSync(join(ASSETS_DIR, 'icons')).sort();
    expect(files).toEqual(ICON_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const size of ICON_SIZES) expect(pngSize(readFileSync(join(ASSETS_DIR, 'icons', `${size}x${size}.png`)))).toEqual([size, size]);
  });

  it('has an .ico from 16 to 256 pixels (electron-builder and NSIS want 256)', () => {
    const sizes = icoSizes(readFileSync(join(ASSETS_DIR, 'icon.ico')));
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('has an .icns with the 512 and 1024 pixel images macOS asks for', () => {
    expect(icnsTypes(readFileSync(join(ASSETS_DIR, 'icon.icns')))).toEqual(expect.arrayContaining(['ic09', 'ic10', 'ic07', 'ic08']));
  });

  it("has NSIS's sidebar and header as 24-bit bottom-up BMPs at NSIS's sizes", () => {
    for (const [name, [width, height]] of Object.entries(INSTALLER_IMAGES)) {
      const bmp = readFileSync(join(ASSETS_DIR, `${name}.bmp`));
      expect(bmp.toString('latin1', 0, 2)).toBe('BM');
      expect([bmp.readInt32LE(18), bmp.readInt32LE(22), bmp.readUInt16LE(28)]).toEqual([width, height, 24]);
    }
  });

  it('has a tray icon at 1× and 2× for every icon the tray model names', () => {
    for (const icon of Object.values(TRAY_ICONS)) {
      expect(pngSize(readFileSync(join(ASSETS_DIR, 'tray', `${icon}.png`)))).toEqual([TRAY_SIZE, TRAY_SIZE]);
      expect(pngSize(readFileSync(join(ASSETS_DIR, 'tray', `${icon}@2x.png`)))).toEqual([TRAY_SIZE * 2, TRAY_SIZE * 2]);
    }
  });
});
