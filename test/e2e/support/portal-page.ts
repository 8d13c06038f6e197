/**
 * A CA portal page on an origin of its own — https://127.0.0.1:OTHER_PORT with a
 * throwaway self-signed certificate (as a CA's portal is https), or plain
 * http://127.0.0.1:OTHER_PORT (a local test portal) — using the browser
 * SDK exactly as a CA would serve it (dist/sdk/tokendesk-portal.js, built by
 * global-setup). Buttons for each call; what the SDK answers is written into the
 * page for the test to read, the way a CA's page would show it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/ca-server.js';
import { run } from '../../support/run.js';

const PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>CA portal (test)</title></head>
<body>
<h1>申請書発行システム（テスト）</h1>
<button id="connect">接続</button>
<button id="access">TokenDeskに接続を許可してもらう</button>
<button id="read">USBトークン内情報を読み込む</button>
<p>確認コード: <strong id="pairing"></strong></p>
<p id="state"></p>
<dl id="device"></dl>
<p id="error" role="alert"></p>
<script type="module">
import { connect } from '/tokendesk-portal.js';
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
const show = (code) => { $('pairing').textContent = code; };
const fail = (error) => { $('error').textContent = error.code + ' ' + (error.manualRow ?? '-') + ' ' + error.text.ja; $('error').dataset.code = error.code; };
let portal;
window.tokendeskPortal = () => portal;
$('connect').onclick = async () => {
  try {
    portal = await connect({ port: Number(params.get('port')) });
    $('state').textContent = portal.hello.allowed ? 'allowed' : 'connected';
    portal.on('access', ({ allowed }) => { $('state').textContent = allowed ? 'allowed' : 'revoked'; });
  } catch (error) { fail(error); }
};
$('access').onclick = async () => {
  try { await portal.requestAccess({ onPairingCode: show }); $('state').textContent = 'allowed'; } catch (error) { fail(error); }
};
$('read').onclick = async () => {
  $('error').textContent = '';
  try {
    const device = await portal.readDevice({ onPairingCode: show });
    $('device').innerHTML = '';
    for (const [key, value] of Object.entries(device)) {
      if (typeof value !== 'string') continue;
      const dt = document.createElement('dt'); dt.textContent = key;
      const dd = document.createElement('dd'); dd.textContent = value; dd.dataset.field = key;
      $('device').append(dt, dd);
    }
  } catch (error) { fail(error); }
};
</script>
</body></html>`;

export interface PortalPage {
  /** http://127.0.0.1:PORT — the page's origin. */
  origin: string;
  url(devicePort: number): string;
  close(): Promise<void>;
}

/** `https`: a self-signed certificate made for this run (the browser context must accept it: ignoreHTTPSErrors). */
export async function startPortalPage(options: { https?: boolean } = {}): Promise<PortalPage> {
  const sdk = readFileSync(join(REPO_ROOT, 'dist', 'sdk', 'tokendesk-portal.js'));
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://portal').pathname;
    if (path === '/') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    if (path === '/tokendesk-portal.js') return void response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(sdk);
    response.writeHead(404).end();
  };
  let server: Server;
  if (options.https) {
    const dir = mkdtempSync(join(tmpdir(), 'tokendesk-portal-page-'));
    try {
      run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
      server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, handle);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    server = createServer(handle);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${options.https ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (devicePort) => `${origin}/?port=${devicePort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
