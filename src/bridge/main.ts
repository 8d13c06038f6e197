/**
 * `npm run bridge -- [options]`: the app in a browser on this PC. Prints the URL
 * (or, with --json, {url, wsUrl, port}) on stdout once listening; Ctrl-C stops.
 * The URL carries this launch's secret (#secret=…): whoever opens it gets the
 * full TokenDeskApi, so it is printed for the user who launched it, never logged.
 * Flags override the persisted settings for this run only and are then not
 * written back, so a demo never changes what the user configured.
 */
import { Command } from 'commander';
import { SettingsSchema } from '../api/index.js';
import { defaultSettingsFile, loadSettings } from '../core/service/index.js';
import { DEFAULT_PORTAL_PORT, describeStartFailure, grantsFileBeside } from '../device-module/index.js';
import { startBridge } from './bridge-server.js';

const program = new Command('tokendesk-bridge')
  .description('TokenDesk in a browser: the renderer and TokenDeskApi on 127.0.0.1')
  .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', '0')
  .option('--module <path>', 'PKCS#11 library (default: settings, $TOKENDESK_PKCS11_MODULE, auto-detected)')
  .option('--ca <url>', 'CA base URL (https://…)')
  .option('--ca-trust <pem>', 'PEM file with the CA certificate(s) to trust')
  .option('--ca-pin <sha256>', 'pin the CA server key; repeatable', (value: string, all: string[]) => [...all, value], [] as string[])
  .option('--lang <ja|en>', 'language')
  .option('--renderer <dir>', 'built renderer to serve (default dist/renderer)')
  .option('--settings <file>', 'settings file (default: the user config dir)')
  .option('--origin <origin>', 'also allow this origin (e.g. a Vite dev server); repeatable', (value: string, all: string[]) => [...all, value], [] as string[])
  .option('--portal-port <n>', `device module (portal API for CA web pages) port; 0: any free port`, String(DEFAULT_PORTAL_PORT))
  .option('--no-portal', 'do not host the device module')
  .option('--portal-policy <file>', "the CA's policy file of portal origins (https only, exact)")
  .option('--json', 'print {url, wsUrl, port, portalUrl} as JSON')
  .option('--quiet', 'no log lines on stderr');

interface BridgeFlags {
  port: string;
  module?: string;
  ca?: string;
  caTrust?: string;
  caPin: string[];
  lang?: string;
  renderer?: string;
  settings?: string;
  origin: string[];
  json?: boolean;
  quiet?: boolean;
  portal: boolean;
  portalPort: string;
  portalPolicy?: string;
}

async function main(): Promise<void> {
  const flags = program.parse().opts<BridgeFlags>();
  const file = flags.settings ?? defaultSettingsFile();
  const overrides = {
    ...(flags.module ? { modulePath: flags.module } : {}),
    ...(flags.ca ? { caUrl: flags.ca } : {}),
    ...(flags.caTrust ? { caTrustPath: flags.caTrust } : {}),
    ...(flags.caPin.length > 0 ? { caPins: flags.caPin } : {}),
    ...(flags.lang ? { language: flags.lang } : {}),
  };
  const parsed = SettingsSchema.safeParse({ ...(await loadSettings(file)), ...overrides });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    process.stderr.write(`設定値が正しくありません / invalid option(s): ${fields}\n`);
    process.exitCode = 2;
    return;
  }
  const port = Number(flags.port);
  const portalPort = Number(flags.portalPort);
  if (![port, portalPort].every((value) => Number.isInteger(value) && value >= 0 && value <= 65535)) {
    process.stderr.write('--port と --portal-port は 0〜65535 / --port and --portal-port must be 0 to 65535\n');
    process.exitCode = 2;
    return;
  }
  const persist = Object.keys(overrides).length === 0 || flags.settings !== undefined;
  const log = flags.quiet ? undefined : (line: string) => process.stderr.write(`[bridge] ${line}\n`);
  const bridge = await startBridge({
    port,
    serviceOptions: { settings: parsed.data, settingsFile: persist ? file : false },
    ...(flags.renderer ? { rendererDir: flags.renderer } : {}),
    extraOrigins: flags.origin,
    ...(flags.portal
      ? {
          deviceModule: {
            port: portalPort,
            ...(persist ? { consentFile: grantsFileBeside(file) } : {}),
            ...(flags.portalPolicy ? { policyFile: flags.portalPolicy } : {}),
          },
        }
      : {}),
    ...(log ? { log } : {}),
  });
  const portalUrl = bridge.deviceModule?.url;
  process.stdout.write(
    flags.json
      ? `${JSON.stringify({ url: bridge.url, wsUrl: bridge.wsUrl, port: bridge.port, ...(portalUrl ? { portalUrl } : {}) })}\n`
      : `TokenDesk: ${bridge.url}\n${portalUrl ? `Device module (portal API): ${portalUrl}\n` : ''}`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void bridge.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`TokenDesk bridge failed to start: ${describeStartFailure(error)}\n`);
  process.exitCode = 1;
});

