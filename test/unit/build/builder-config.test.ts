/**
 * electron-builder.yml as the installers need it. The installers themselves cannot be
 * built here (NSIS, dmg and fpm are downloaded by electron-builder, and a dmg needs
 * macOS): this checks what each target is told, and that every file it names exists.
 * test/integration/package/package.test.ts builds the unpacked app from the same file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/ca-server.js';

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  directories: { buildResources: string };
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: Target[] };
  nsis: Record<string, unknown> & { installerLanguages: string[] };
  mac: { icon: string; target: Target[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
  linux: { icon: string; target: string[]; desktop: { entry: Record<string, string> } };
  deb: { depends: string[]; recommends: string[] };
}

const text = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
const config = parse(text) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names only files that exist', () => {
    const named = [
      config.directories.buildResources,
      config.win.icon,
      config.mac.icon,
      config.mac.entitlements,
      config.mac.entitlementsInherit,
      config.linux.icon,
      ...['installerIcon', 'uninstallerIcon', 'installerSidebar', 'uninstallerSidebar', 'installerHeader'].map((key) => config.nsis[key] as string),
    ];
    expect(named.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([]);
  });

  it('makes a per-user NSIS installer in Japanese and English with a start-menu entry', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, createStartMenuShortcut: true, multiLanguageInstaller: true });
    expect(config.nsis.installerLanguages).toEqual(['ja_JP', 'en_US']);
  });

  it('makes dmgs for x64 and arm64 with the hardened runtime and its entitlements', () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(join(REPO_ROOT, config.mac.entitlements), 'utf8');
    const granted = [...entitlements.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.disable-library-validation']);
  });

  it('makes an AppImage and a deb that brings the smart-card stack, keeping electron-builder’s own Depends', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['pcscd', 'libccid', 'libpcsclite1', 'libgtk-3-0', 'libnss3', 'libxss1', 'xdg-utils']));
    expect(config.linux.desktop.entry).toMatchObject({ Name: 'TokenDesk', 'Comment[ja]': expect.any(String), Categories: expect.stringContaining('Utility') });
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const name of ['pcscd', 'libccid']) expect(readme).toContain(name);
  });

  it('sets the fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; asar only, integrity checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('rebuilds nothing for Electron (pkcs11js is N-API) and holds no signing identity', () => {
    expect(config.npmRebuild).toBe(false);
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|identity|certificateFile|certificatePassword|appleId)\s*:/m);
  });
});
