/**
 * The desktop package, as far as it can be proven without Electron's binary (which
 * these machines cannot download):
 *
 * 1. Package content: the build `npm run build` runs (scripts/build-app.mjs, into a
 *    throwaway copy) packed by `electron-builder --dir` with the real
 *    electron-builder.yml, offline — a guard refuses every connection off this
 *    machine — and with a STAND-IN for the Electron binary (`electronDist` pointing
 *    at a directory this test makes: a placeholder `electron` file carrying only the
 *    fuse wire, so the configured fuses are flipped and read back). app.asar is
 *    opened with @electron/asar and checked for what main loads and what must not be
 *    there; its size is printed against the 40 MB budget.
 * 2. Main-process smoke: the packaged main script, extracted from app.asar, run under
 *    Node with a recording stand-in for the `electron` module
 *    (test/support/electron-stand-in): IPC handlers, the window's security options,
 *    the app protocol with its CSP, the tray over a real SoftHSM2 token, the device
 *    module on 127.0.0.1 only and gone after quit, and a clean quit. Not a substitute for running Electron: the README
 *    lists what remains to check on a machine with the binary.
 */
import { execFileSync, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { get as httpGet } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, ipcRequestName } from '../../../src/api/index.js';
import { APP_ENTRY_URL, APP_SCHEME } from '../../../src/app/main/app-protocol.js';
import { contentSecurityPolicy, inlineScriptHashes, inlineStyleHashes } from '../../../src/app/main/content-security-policy.js';
import { REPO_ROOT } from '../../support/ca-server.js';
import { freePort } from '../../support/free-port.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

const require = createRequire(import.meta.url);
const BUDGET_BYTES = 40 * 1024 * 1024;
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; scripts: Record<string, string> };

// Fuse sentinel and wire as Electron's binary carries them (@electron/fuses reads and
// flips them in place): version 1, eight fuses, Electron's defaults.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_WIRE = '10110001';

let work: string;
let unpacked: string;
let asarPath: string;
let files: string[];
let buildLog: string;

/** The placeholder Electron distribution: what electron-builder copies, renames and flips fuses in. */
function makeElectronStandIn(dir: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'locales', 'ja.pak'), 'stand-in locale\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in locale\n');
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (test/integration/package)"; exit 1\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`)]),
    { mode: 0o755 },
  );
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'td-package-'));
  const appDir = join(work, 'app');
  // The parts `npm run build` makes that the app loads (not the CLI bundle, not the sim).
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-app.mjs'), 'ts', 'preload', 'renderer', '--out', join(appDir, 'dist')], { cwd: REPO_ROOT, stdio: 'pipe' });
  cpSync(join(REPO_ROOT, 'package.json'), join(appDir, 'package.json'));
  cpSync(join(REPO_ROOT, 'assets'), join(appDir, 'assets'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(appDir, 'node_modules'), 'dir');
  const standIn = join(work, 'electron-stand-in');
  makeElectronStandIn(standIn);

  const networkLog = join(work, 'network-attempts.log');
  const build = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--x64',
      '--config',
      join(REPO_ROOT, 'electron-builder.yml'),
      `-c.electronDist=${standIn}`,
      `-c.directories.app=${appDir}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        // As `npm run dist` runs it: under VITEST electron-builder logs nothing and hard-links files.
        VITEST: undefined,
        // Every Node process of the build gets the guard.
        NODE_OPTIONS: `--import ${pathToFileURL(join(REPO_ROOT, 'test/support/no-network.mjs')).href}`,
        NO_NETWORK_LOG: networkLog,
        // electron-builder's CLI asks the npm registry whether it is outdated (not in CI); nothing else reaches out.
        NO_UPDATE_NOTIFIER: '1',
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      },
    },
  );
  buildLog = `${build.stdout}${build.stderr}`;
  if (build.status !== 0) throw new Error(`electron-builder failed (exit ${build.status}):\n${buildLog}`);
  expect(existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '').toBe('');
  unpacked = join(work, 'release', 'linux-unpacked');
  asarPath = join(unpacked, 'resources', 'app.asar');
  files = asar.listPackage(asarPath, { isPack: false }).map((file) => file.replaceAll('\\', '/').replace(/^\//, ''));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const inAsar = (path: string) => files.includes(path);
const readAsar = (path: string) => asar.extractFile(asarPath, path).toString('utf8');

function directorySize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? directorySize(path) : statSync(path).size);
  }, 0);
}

describe('package content (electron-builder --dir, stand-in Electron)', () => {
  it('is built by the same script `npm run build` runs, with every part', () => {
    // Before: `npm run build` made dist/app/main but neither the preload bundle main loads nor the renderer.
    expect(manifest.scripts.build).toContain('npm run -s build:app');
    expect(manifest.scripts['build:app']).toBe('node scripts/build-app.mjs');
  });

  it('was built offline from electron-builder.yml', () => {
    expect(buildLog).toContain('using custom unpacked Electron distribution');
    expect(buildLog).toContain('skipped dependencies rebuild');
    expect(existsSync(join(unpacked, 'tokendesk'))).toBe(true);
  });

  it('holds the main entry package.json names, and the preload bundle main loads', () => {
    const packaged = JSON.parse(readAsar('package.json')) as { main: string; type: string; devDependencies?: unknown; scripts?: unknown };
    expect(packaged.main).toBe('dist/app/main/main.js');
    expect(packaged.type).toBe('module');
    expect(inAsar(packaged.main)).toBe(true);
    expect(inAsar('dist/app/preload/preload.cjs')).toBe(true);
    // Bundled: a sandboxed preload can require nothing of ours.
    expect(readAsar('dist/app/preload/preload.cjs')).not.toMatch(/require\("\.\.?\//);
  });

  it("holds the renderer's index.html and every file it names", () => {
    expect(inAsar('dist/renderer/index.html')).toBe(true);
    // Named by an attribute (the icon) or by the inline script (the module it starts after the first paint).
    const referenced = [...readAsar('dist/renderer/index.html').matchAll(/"\.\/([^"]+)"/g)].map((match) => `dist/renderer/${match[1]}`);
    expect(referenced.some((path) => path.endsWith('.js'))).toBe(true);
    // The stylesheet is in the page itself (allowed by its hash: see the CSP header below), not a file it names.
    expect(readAsar('dist/renderer/index.html')).toMatch(/<style>[^<]*\.step-current\{/);
    expect(referenced.filter((path) => !inAsar(path))).toEqual([]);
  });

  it('holds every chunk the renderer loads on demand (the later screens, the API client)', () => {
    const scripts = files.filter((path) => path.startsWith('dist/renderer/assets/') && path.endsWith('.js'));
    // Vite names a chunk's neighbours by their file name ("./device-screen-<hash>.js").
    const named = new Set(scripts.flatMap((path) => [...readAsar(path).matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)].map((match) => `dist/renderer/assets/${match[1]}`)));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((path) => !inAsar(path))).toEqual([]);
  });

  it('holds the message catalogue with every entry file, and the PKCS#11 module table', () => {
    expect(inAsar('dist/core/messages/catalogue.js')).toBe(true);
    const entries = readdirSync(join(REPO_ROOT, 'src/core/messages/entries')).map((name) => `dist/core/messages/entries/${name.replace(/\.ts$/, '.js')}`);
    expect(entries.filter((path) => !inAsar(path))).toEqual([]);
    expect(JSON.parse(readAsar('dist/core/pkcs11/module-locations.json'))).toHaveProperty('modules');
  });

  it("has pkcs11js's native addon unpacked beside app.asar, where it can be loaded", () => {
    const addon = 'node_modules/pkcs11js/build/Release/pkcs11.node';
    expect(inAsar(addon)).toBe(true);
    expect(statSync(join(unpacked, 'resources', 'app.asar.unpacked', addon)).size).toBeGreaterThan(10_000);
  });

  it('holds no tests, source maps, TypeScript sources, devDependencies or server-only native code', () => {
    expect(files.filter((path) => /(^|\/)(test|tests|__tests__)\//.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path))).toEqual([]);
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(files.filter((path) => /\.[cm]?tsx?$/.test(path))).toEqual([]);
    expect(files.filter((path) => path.startsWith('src/') || path.startsWith('test/'))).toEqual([]);
    const packages = new Set(files.flatMap((path) => path.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.slice(1) ?? []));
    expect(Object.keys(manifest.devDependencies).filter((name) => packages.has(name))).toEqual([]);
    expect(packages.has('electron')).toBe(false);
    // Not N-API: built for Node's ABI, it would not load in Electron; the app never needs it.
    expect(packages.has('better-sqlite3')).toBe(false);
  });

  it('has the fuses electron-builder.yml sets flipped in the (stand-in) binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'tokendesk'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
  });

  it('fits the size budget: app.asar + unpacked under 40 MB', () => {
    const asarBytes = statSync(asarPath).size;
    const unpackedBytes = directorySize(join(unpacked, 'resources', 'app.asar.unpacked'));
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    process.stdout.write(`package size: app.asar ${mb(asarBytes)} MB + unpacked ${mb(unpackedBytes)} MB = ${mb(asarBytes + unpackedBytes)} MB (budget 40 MB), ${files.length} entries\n`);
    expect(asarBytes + unpackedBytes).toBeLessThan(BUDGET_BYTES);
  });
});

/** An HTTP GET's status, or the connection error's code. */
function httpStatus(host: string, port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const request = httpGet({ host, port, path: '/', timeout: 5000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

interface Recorded {
  type: 'record';
  call: string;
  [key: string]: unknown;
}

/** The packaged main script under Node, with the electron stand-in, driven over IPC. */
class MainUnderStandIn {
  readonly records: Recorded[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Record<string, unknown>) => void>();

  constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    child.on('message', (message: { type: string; id?: number } & Record<string, unknown>) => {
      if (message.type === 'record') this.records.push(message as Recorded);
      if (message.type === 'reply' && message.id !== undefined) this.waiting.get(message.id)?.(message);
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  calls(call: string): Recorded[] {
    return this.records.filter((record) => record.call === call);
  }

  command(cmd: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ cmd, id, ...args });
    });
  }

  async until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; main's stderr:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('main-process smoke (packaged main.js under Node, electron stand-in)', () => {
  let extracted: string;
  let hsm: SoftHsm;
  let main: MainUnderStandIn;
  let serial: string;
  let portalPort: number;

  beforeAll(async () => {
    extracted = join(work, 'extracted');
    asar.extractAll(asarPath, extracted);
    hsm = createSoftHsm();
    serial = hsm.addToken({ label: 'smoke' }).serial;
    portalPort = await freePort();
    main = await startPackagedMain(join(work, 'settings.json'), portalPort);
  }, 60_000);

  /** main.js from the extracted package, under Node, with the electron stand-in; resolves once its window loads. */
  async function startPackagedMain(settingsFile: string, port: number): Promise<MainUnderStandIn> {
    const child = fork(join(extracted, 'dist/app/main/main.js'), [], {
      cwd: extracted,
      execArgv: ['--import', pathToFileURL(join(REPO_ROOT, 'test/support/electron-stand-in/register.mjs')).href],
      // The device module's port: a free one, not the documented 47211 others' tests may hold.
      env: { ...hsm.env, TOKENDESK_SETTINGS: settingsFile, TOKENDESK_PKCS11_MODULE: hsm.modulePath, TOKENDESK_PORTAL_PORT: String(port), TOKENDESK_PORTAL_POLICY: join(work, 'no-policy.json') },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const started = new MainUnderStandIn(child);
    await started.until(() => started.calls('BrowserWindow.loadURL').length > 0, 'the window to load');
    return started;
  }

  afterAll(() => hsm?.cleanup());

  it('registers exactly the channel map’s IPC handlers', () => {
    const channels = main.calls('ipcMain.handle').map((record) => record.channel);
    expect([...channels].sort()).toEqual(REQUEST_CHANNELS.map(ipcRequestName).sort());
  });

  it('creates one window: contextIsolation, sandbox, no nodeIntegration, the packaged preload', () => {
    const windows = main.calls('new BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]!.options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(relative(extracted, options.webPreferences.preload as string)).toBe(join('dist', 'app', 'preload', 'preload.cjs'));
    expect(windows[0]!.preloadExists).toBe(true);
    // The window icon (Linux shows it; elsewhere the executable's icon is used) is in the package too.
    expect(existsSync((windows[0]!.options as { icon: string }).icon)).toBe(true);
    expect(main.calls('app.enableSandbox')).toHaveLength(1);
    expect(main.calls('BrowserWindow.loadURL')[0]!.url).toBe(APP_ENTRY_URL);
  });

  it('serves index.html through the app protocol with the CSP header, and nothing outside the renderer', async () => {
    expect(main.calls('protocol.handle').map((record) => record.scheme)).toEqual([APP_SCHEME]);
    const page = await main.command('fetch', { url: APP_ENTRY_URL });
    expect(page.status).toBe(200);
    const headers = page.headers as Record<string, string>;
    // The page's inline stylesheet and first-frame script allowed by their hashes, and nothing else inline.
    const styleHashes = inlineStyleHashes(readAsar('dist/renderer/index.html'));
    const scriptHashes = inlineScriptHashes(readAsar('dist/renderer/index.html'));
    expect([styleHashes.length, scriptHashes.length]).toEqual([1, 1]);
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy({ styleHashes, scriptHashes }));
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(readAsar('dist/renderer/index.html'));
    // The module that loads React, which the page's inline script starts after the first paint.
    const script = (page.body as string).match(/"\.\/(assets\/index-[\w-]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await main.command('fetch', { url: `${APP_ENTRY_URL.replace('index.html', '')}${script}` })).status).toBe(200);
    expect((await main.command('fetch', { url: `${APP_SCHEME}://app/../../package.json` })).status).toBe(404);
  });

  it('answers a call from its own window, and refuses one from any other frame', async () => {
    const trusted = await main.command('invoke', { channel: ipcRequestName('getSettings'), request: {}, trusted: true });
    expect(trusted.reply).toMatchObject({ ok: true });
    const untrusted = await main.command('invoke', { channel: ipcRequestName('getSettings'), request: {}, trusted: false });
    expect(untrusted.reply).toMatchObject({ ok: false, error: { code: 'TD-API-BAD-REQUEST' } });
  });

  it("shows the SoftHSM2 token's serial in the tray, with open / device information / quit", async () => {
    await main.until(() => main.calls('Tray.setToolTip').some((record) => String(record.tooltip).includes(serial)), 'the tray to name the token');
    expect(main.calls('new Tray')).toHaveLength(1);
    expect(main.calls('nativeImage.createFromPath').every((record) => record.exists === true)).toBe(true);
    const menu = main.calls('Tray.setContextMenu').at(-1)!.items as { label?: string; enabled?: boolean }[];
    const labels = menu.map((item) => item.label).filter(Boolean);
    expect(labels[0]).toMatch(new RegExp(`^USBトークン .*${serial}`));
    expect(labels.slice(1)).toEqual(['TokenDesk を開く', 'デバイス情報確認', 'TokenDesk を終了']);
    expect(menu.find((item) => item.label === 'デバイス情報確認')?.enabled).toBe(true);
    await main.command('trayClick', { label: 'デバイス情報確認' });
    expect(main.calls('BrowserWindow.loadURL').at(-1)!.url).toBe(`${APP_ENTRY_URL}#device`);
  });

  it("the window's language switch is kept in the settings: the tray follows it, and the page is served in it", async () => {
    const saved = await main.command('invoke', { channel: ipcRequestName('saveLanguage'), request: { language: 'en' }, trusted: true });
    expect(saved.reply).toMatchObject({ ok: true, value: { settings: { language: 'en' } } });
    expect(main.calls('Tray.setToolTip').at(-1)!.tooltip).toMatch(/^TokenDesk — Token /);
    const page = await main.command('fetch', { url: APP_ENTRY_URL });
    expect(page.body).toBe(readAsar('dist/renderer/index.html').replace('<html lang="ja">', '<html lang="en">'));
    // Its hashes are the ones in the CSP header, which was made from the page as packaged.
    expect(inlineScriptHashes(page.body as string)).toEqual(inlineScriptHashes(readAsar('dist/renderer/index.html')));
    const back = await main.command('invoke', { channel: ipcRequestName('saveLanguage'), request: { language: 'ja' }, trusted: true });
    expect(back.reply).toMatchObject({ ok: true, value: { settings: { language: 'ja' } } });
    expect((await main.command('fetch', { url: APP_ENTRY_URL })).body).toBe(readAsar('dist/renderer/index.html'));
  });

  it('loads every module the package holds from the package alone (nothing left out that one of them imports)', () => {
    // Entry scripts run on import (main, the bridge's CLI); everything else is a library module.
    const entries = new Set(['dist/app/main/main.js', 'dist/bridge/main.js']);
    const modules = files.filter((path) => path.startsWith('dist/') && !path.startsWith('dist/renderer/') && /\.js$/.test(path) && !entries.has(path));
    expect(modules.length).toBeGreaterThan(50);
    const script = `for (const path of ${JSON.stringify(modules)}) { try { await import('./' + path); } catch (error) { console.log(path + ': ' + error.message); } }`;
    const failures = execFileSync(process.execPath, ['--import', pathToFileURL(join(REPO_ROOT, 'test/support/electron-stand-in/register.mjs')).href, '--input-type=module', '-e', script], {
      cwd: extracted,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
    });
    expect(failures).toBe('');
  });

  it('hosts the device module on 127.0.0.1 only', async () => {
    // A plain HTTP request at the portal's root: the module answers "426 Upgrade Required" (WebSocket only).
    expect(await httpStatus('127.0.0.1', portalPort)).toBe(426);
    const elsewhere = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (elsewhere) expect(await httpStatus(elsewhere.address, portalPort)).toBe('ECONNREFUSED');
  });

  it('keeps running in the tray when its window closes', async () => {
    const closed = await main.command('closeWindow');
    expect(closed).toMatchObject({ closed: false, visible: false });
    expect(main.calls('app.quit')).toHaveLength(0);
  });

  it('quits from the tray: closes the device module and the token library, and the process ends by itself', async () => {
    await main.command('trayClick', { label: 'TokenDesk を終了' });
    const code = await Promise.race([main.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    expect(code, main.stderr).toBe(0);
    expect(main.calls('quit')).toHaveLength(1);
    expect(main.calls('Tray.destroy')).toHaveLength(1);
    // The device module is gone with it.
    expect(await httpStatus('127.0.0.1', portalPort)).toBe('ECONNREFUSED');
    expect(main.stderr).not.toContain('start failed');
  }, 30_000);

  it('with "keep in the tray" switched off from its window, closing the window quits (settings applied at once)', async () => {
    const second = await startPackagedMain(join(work, 'settings-no-tray.json'), await freePort());
    const saved = await second.command('invoke', { channel: ipcRequestName('saveSettings'), request: { keepInTray: false, language: 'en', caPins: [] }, trusted: true });
    expect(saved.reply).toMatchObject({ ok: true, value: { settings: { keepInTray: false, language: 'en' } } });
    // Applied without a restart: the tray speaks English now.
    expect(second.calls('Tray.setToolTip').at(-1)!.tooltip).toMatch(/^TokenDesk — Token /);
    expect(await second.command('closeWindow')).toMatchObject({ closed: true });
    const code = await Promise.race([second.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    expect(code, second.stderr).toBe(0);
    expect(second.calls('quit')).toHaveLength(1);
  }, 60_000);
});
