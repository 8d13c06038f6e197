/**
 * `npm run demo`: TokenDesk end to end on this machine, from a fresh clone after
 * scripts/setup.sh. Each run starts clean under .tokendesk-data/:
 *   1. the reference CA (ca init + serve on https://127.0.0.1:18443),
 *   2. a SoftHSM2 software token, provisioned by the CA (ca token provision),
 *   3. a pending application for that token (the CA's mail: application number + storage PIN),
 *   4. the app: Electron if its binary is installed and a display is there,
 *      else the browser build served by the bridge on http://127.0.0.1:18080.
 * It prints where to go and the demo storage PIN — demo-only data, printed on
 * purpose. Ctrl-C stops everything. `--smoke` checks it all answers, then exits.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';

const root = resolve(import.meta.dirname, '..');
const data = join(root, '.tokendesk-data');
const caDir = join(data, 'ca');
const hsmDir = join(data, 'softhsm');
const CA_PORT = Number(process.env.TOKENDESK_DEMO_CA_PORT ?? 18443);
const APP_PORT = Number(process.env.TOKENDESK_DEMO_PORT ?? 18080);
// The device module's documented default port, unless told otherwise.
const PORTAL_PORT = Number(process.env.TOKENDESK_DEMO_PORTAL_PORT ?? 47211);
const MODULE = process.env.TOKENDESK_DEMO_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so';
// Demo-only PINs for the software token's first SO PIN (the CA replaces it when provisioning).
const DEMO_SO_PIN = '00000000';
const smoke = process.argv.includes('--smoke');
const say = (line: string) => process.stdout.write(`${line}\n`);

function softhsmToken(): string {
  mkdirSync(join(hsmDir, 'tokens'), { recursive: true });
  const conf = join(hsmDir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(hsmDir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  // Before the library is loaded anywhere in this process.
  process.env.SOFTHSM2_CONF = conf;
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', 'TokenDesk demo', '--so-pin', DEMO_SO_PIN, '--pin', '0000'], { stdio: 'ignore' });
  const slots = execFileSync('softhsm2-util', ['--show-slots'], { encoding: 'utf8' });
  const serial = /Label:\s+TokenDesk demo[\s\S]*?Serial number:\s+(\S+)|Serial number:\s+(\S+)[\s\S]*?Label:\s+TokenDesk demo/.exec(slots);
  const found = serial?.[1] ?? serial?.[2];
  if (!found) throw new Error('softhsm2-util created no token: is SoftHSM2 installed? Run bash scripts/setup.sh');
  return found;
}

function rendererBuilt(): boolean {
  return existsSync(join(root, 'dist', 'renderer', 'index.html'));
}

function buildRenderer(): void {
  if (rendererBuilt()) return;
  if (!existsSync(join(root, 'src', 'app', 'renderer', 'index.html'))) {
    say('! The renderer is not in this tree yet: the API is served, the page is not.');
    return;
  }
  say('… building the renderer (npm run build:renderer)');
  const built = spawnSync('npm', ['run', '-s', 'build:renderer'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) say('! The renderer build failed; the API is still served.');
}

/** Electron only where it can start: its binary present (not downloadable here) and a display. */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    return typeof path === 'string' && existsSync(path) && hasDisplay ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The line the banner prints for the command line: this demo's token, library and CA, ready to paste. */
function cliLine(caUrl: string, trustPath: string): string {
  const quote = (text: string) => (/^[\w./:@-]+$/u.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);
  return `SOFTHSM2_CONF=${quote(join(hsmDir, 'softhsm2.conf'))} npm run -s tokendesk -- diagnose --module ${quote(MODULE)} --ca ${quote(caUrl)} --ca-trust ${quote(trustPath)}`;
}

/** The banner's command line, run as printed (plus --json): it must find the demo token. */
function smokeCliLine(line: string, serial: string): void {
  const ran = spawnSync('bash', ['-c', `${line} --json`], { cwd: root, encoding: 'utf8', env: { ...process.env, SOFTHSM2_CONF: '' } });
  const seen = (JSON.parse(ran.stdout || '{}') as { tokensSeen?: string[] }).tokensSeen ?? [];
  if (!seen.some((one) => one.toUpperCase() === serial.toUpperCase())) throw new Error(`the banner's command line did not find the demo token: ${ran.stderr}`);
  say('✓ smoke: the banner\'s command line finds the demo token');
}

/** One call on the bridge's WebSocket; resolves with the reply, or the HTTP status it was refused with. */
function callBridge(wsUrl: string, origin: string, channel: string): Promise<{ reply: unknown } | { refused: number }> {
  return new Promise((resolveReply, reject) => {
    const socket = new WebSocket(wsUrl, { origin });
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      resolveReply({ refused: response.statusCode ?? 0 });
    });
    socket.once('open', () => socket.send(JSON.stringify({ kind: 'call', id: 1, channel, request: {} })));
    socket.on('message', (frame: Buffer) => {
      const message = JSON.parse(frame.toString()) as { kind: string; reply?: unknown };
      if (message.kind === 'reply') {
        socket.close();
        resolveReply({ reply: message.reply });
      }
    });
  });
}

async function smokeCheck(url: string, wsUrl: string, secret: string): Promise<void> {
  const page = await fetch(url);
  if (!page.ok && page.status !== 404) throw new Error(`bridge answered ${page.status}`);
  const origin = new URL(url).origin;
  // Our own Origin is not enough: without this launch's secret the bridge refuses.
  const stranger = await callBridge(wsUrl, origin, 'getSettings');
  if (!('refused' in stranger)) throw new Error('the bridge served its API without the launch secret');
  const answer = await callBridge(`${wsUrl}?secret=${encodeURIComponent(secret)}`, origin, 'detectToken');
  const view = 'reply' in answer ? (answer.reply as { ok: boolean; value?: { step: number; target?: { name?: string } } }).value : undefined;
  // The name comes from the pending lookup only when the token's possession tag proved it is in hand.
  if (view?.step !== 2 || !view.target?.name) throw new Error(`the wizard did not reach STEP2 with the applicant's name: ${JSON.stringify(answer)}`);
  say(`✓ smoke: page ${page.status}, API refused without the launch secret (${stranger.refused}), wizard at STEP2 for ${view.target.name} on the demo token`);
}

/** The device module answers a CA page's hello — and nothing more before the user allows that page. */
async function portalSmokeCheck(portalUrl: string): Promise<void> {
  const answers = await new Promise<Array<{ ok: boolean; result?: { allowed?: boolean }; error?: { code: string } }>>((resolveAnswers, reject) => {
    const socket = new WebSocket(portalUrl, { origin: 'https://portal.demo.example' });
    const got: Array<{ ok: boolean; result?: { allowed?: boolean }; error?: { code: string } }> = [];
    socket.once('error', reject);
    socket.once('open', () => {
      socket.send(JSON.stringify({ v: 'tokendesk-portal/1', id: 1, method: 'hello' }));
      socket.send(JSON.stringify({ v: 'tokendesk-portal/1', id: 2, method: 'listTokens' }));
    });
    socket.on('message', (frame: Buffer) => {
      const message = JSON.parse(frame.toString()) as { id?: number; ok: boolean };
      if (message.id === undefined) return;
      got.push(message);
      if (got.length === 2) {
        socket.close();
        resolveAnswers(got);
      }
    });
  });
  const [hello, tokens] = answers;
  if (hello?.result?.allowed !== false || tokens?.error?.code !== 'TD-PORTAL-NOT-ALLOWED') throw new Error(`the device module answered unexpectedly: ${JSON.stringify(answers)}`);
  say(`✓ smoke: device module at ${portalUrl} answers hello, refuses an origin nobody allowed`);
}

async function main(): Promise<void> {
  rmSync(caDir, { recursive: true, force: true });
  rmSync(hsmDir, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });

  const serial = softhsmToken();
  // Imported after SOFTHSM2_CONF is set: they load the PKCS#11 library.
  const { initCa } = await import('../src/server/ca-init.js');
  const { startCaServer } = await import('../src/server/ca-server.js');
  const { provisionToken } = await import('../src/server/token-provisioning.js');
  const { addApplication } = await import('../src/server/operator.js');
  const { startBridge } = await import('../src/bridge/index.js');

  const caUrl = `https://127.0.0.1:${CA_PORT}`;
  const init = await initCa(caDir, { publicUrl: caUrl, port: CA_PORT, host: '127.0.0.1' });
  const trustPath = join(data, 'ca.pem');
  writeFileSync(trustPath, init.caCertificatePem);
  const ca = await startCaServer(caDir, { port: CA_PORT, host: '127.0.0.1' });
  await provisionToken(ca.context, { modulePath: MODULE, serial, label: 'TokenDesk demo', currentSoPin: DEMO_SO_PIN });
  const mail = await addApplication(ca.context, {
    kind: 'new',
    contractNo: '1234567890123',
    name: 'Souken Tarou',
    company: 'Souken Kensetsu Co., Ltd.',
    email: 'tarou@souken.example.jp',
    years: 2,
    tokenSerial: serial,
  });

  const settings = { modulePath: MODULE, caUrl, caTrustPath: trustPath, caPins: [], language: 'ja' as const };
  const settingsFile = join(data, 'settings.json');
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);

  const stops: Array<() => Promise<void>> = [() => ca.close()];
  let stopping = false;
  async function stopAll(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    for (const stop of stops) await stop().catch(() => undefined);
    process.exit(code);
  }
  const electron = smoke ? undefined : electronBinary();
  const mainJs = join(root, 'dist', 'app', 'main', 'main.js');
  let where: string;
  let portalWhere: string | undefined;
  if (electron && existsSync(mainJs) && existsSync(join(root, 'dist', 'app', 'preload', 'preload.cjs'))) {
    const child = spawn(electron, [root], { stdio: 'inherit', env: { ...process.env, TOKENDESK_SETTINGS: settingsFile } });
    stops.push(async () => void child.kill('SIGTERM'));
    child.on('exit', () => void stopAll(0));
    where = 'the TokenDesk window (Electron)';
  } else {
    buildRenderer();
    let bridge;
    try {
      bridge = await startBridge({ port: APP_PORT, serviceOptions: { settings, settingsFile: false }, deviceModule: { port: PORTAL_PORT } });
    } catch {
      // A port in use: any free ones (the banner says which).
      bridge = await startBridge({ serviceOptions: { settings, settingsFile: false }, deviceModule: { port: 0 } });
    }
    const running = bridge;
    stops.unshift(() => running.close());
    where = running.url;
    if (running.deviceModule) portalWhere = running.deviceModule.url;
    if (smoke) {
      try {
        await smokeCheck(running.url, running.wsUrl, running.secret);
        if (running.deviceModule) await portalSmokeCheck(running.deviceModule.url);
        smokeCliLine(cliLine(caUrl, trustPath), serial);
      } finally {
        await stopAll(process.exitCode ?? 0);
      }
      return;
    }
  }

  say('');
  say('TokenDesk demo');
  say(`  Open:               ${where}`);
  if (portalWhere) say(`  Device module:      ${portalWhere} (portal API for CA web pages; prompts appear in TokenDesk's page)`);
  say(`  CA:                 ${caUrl} (trust ${trustPath})`);
  say(`  Token (SoftHSM2):   ${serial.toUpperCase()}`);
  say(`  申請書番号 / application: ${mail.applicationNo}  (${mail.userId} ${mail.name})`);
  say(`  電子証明書格納用PIN / storage PIN (demo only): ${mail.storagePin}`);
  say('  STEP4: choose a new user PIN of 4–8 letters and digits.');
  say('  コマンドライン / command line (paste in another terminal, in this folder):');
  say(`    ${cliLine(caUrl, trustPath)}`);
  say('  Ctrl-C stops the demo.');

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
