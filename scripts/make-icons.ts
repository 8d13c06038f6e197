// Every image the installers and the tray use, made from the SVG sources in assets/
// (npm run icons, run by tsx; the results are checked in, and test/unit/build/icons.test.ts
// regenerates them into a temp dir and compares):
//
//   assets/icon.svg            → assets/icons/NxN.png (Linux set, window icon),
//                                assets/icon.ico (Windows, NSIS), assets/icon.icns (macOS)
//   assets/installer-*.svg     → assets/installer-sidebar.bmp, installer-header.bmp (NSIS)
//   assets/tray/STATE.svg      → assets/tray/STATE.png + STATE@2x.png (tray, per token state)
//
// electron-builder converts icons itself only by downloading a toolset at build time,
// which these machines cannot; given files in the final formats it uses them as they are.
// resvg rasterizes (deterministic, no system fonts: the sources hold no text);
// png2icons packs .ico/.icns. NSIS wants 24-bit bottom-up BMPs, written here (bmpFile):
// the one BMP package on npm writes top-down rows, which Windows' LoadImage refuses
// for some uses, and has not been maintained since 2017.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ASSETS_DIR = join(root, 'assets');

/** The Linux set (freedesktop hicolor sizes) and the largest, which .ico/.icns are made from. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** NSIS's bitmaps: the welcome/finish sidebar and the page header, at the sizes NSIS shows them. */
export const INSTALLER_IMAGES: Readonly<Record<string, readonly [number, number]>> = { 'installer-sidebar': [164, 314], 'installer-header': [150, 57] };
/** Tray icons at 1× and 2× (16 px is the tray's logical size on Windows and Linux). */
export const TRAY_SIZE = 16;

function render(svgPath: string, width: number) {
  return new Resvg(readFileSync(svgPath), { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render();
}

/** A 24-bit BMP, rows bottom-up; the image is opaque (the sources fill every pixel). */
export function bmpFile(width: number, height: number, rgba: Uint8Array): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const header = 54;
  const file = Buffer.alloc(header + rowBytes * height);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(header, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(rowBytes * height, 34);
  file.writeInt32LE(2835, 38); // 72 dpi
  file.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++) {
    const row = header + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      file[row + x * 3] = rgba[from + 2]!;
      file[row + x * 3 + 1] = rgba[from + 1]!;
      file[row + x * 3 + 2] = rgba[from]!;
    }
  }
  return file;
}

/** Writes every generated file under `out` (default assets/); returns their paths relative to it. */
export function makeIcons(out = ASSETS_DIR): string[] {
  const written: string[] = [];
  const write = (relative: string, data: Buffer | null) => {
    if (!data) throw new Error(`png2icons could not make ${relative}`);
    mkdirSync(dirname(join(out, relative)), { recursive: true });
    writeFileSync(join(out, relative), data);
    written.push(relative);
  };

  let largest: Buffer = Buffer.alloc(0);
  for (const size of ICON_SIZES) {
    largest = render(join(ASSETS_DIR, 'icon.svg'), size).asPng();
    write(`icons/${size}x${size}.png`, largest);
  }
  // forWinExe: small sizes as BMP entries, 256 as PNG — what Windows' shell reads from an .exe.
  write('icon.ico', png2icons.createICO(largest, png2icons.BICUBIC2, 0, false, true));
  write('icon.icns', png2icons.createICNS(largest, png2icons.BICUBIC2, 0));

  for (const [name, [width, height]] of Object.entries(INSTALLER_IMAGES)) {
    const image = render(join(ASSETS_DIR, `${name}.svg`), width);
    if (image.width !== width || image.height !== height) throw new Error(`${name}.svg renders ${image.width}×${image.height}, NSIS wants ${width}×${height}`);
    write(`${name}.bmp`, bmpFile(width, height, image.pixels));
  }

  for (const file of readdirSync(join(ASSETS_DIR, 'tray')).filter((name) => name.endsWith('.svg'))) {
    const state = file.slice(0, -'.svg'.length);
    write(`tray/${state}.png`, render(join(ASSETS_DIR, 'tray', file), TRAY_SIZE).asPng());
    write(`tray/${state}@2x.png`, render(join(ASSETS_DIR, 'tray', file), TRAY_SIZE * 2).asPng());
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  for (const file of makeIcons(values.out)) process.stdout.write(`${file}\n`);
}
