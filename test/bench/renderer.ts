/**
 * Bench 4 — renderer: what the first screen loads from the production build
 * (dist/renderer, `npm run build:renderer`) — index.html and every script, module
 * preload and stylesheet it names — raw and gzip (level 9, as a static server would
 * send it); and time to first render in Debian's Chromium (headless), against a blank
 * page served the same way in the same run (the browser's own floor).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './device-info.js';
import { ratio, round, summarize, type BenchOptions, type BenchResult } from './stats.js';

const RENDERER = join(REPO_ROOT, 'dist/renderer');
const BLANK = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><div id="root"><p>blank</p></div></body></html>';
/** Records in the page, the moment #root first gets content (no polling delay). */
const FIRST_RENDER_PROBE = `document.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('root');
  if (!root) return;
  function seen() {
    if (root.childElementCount === 0) return false;
    if (window.__firstRender === undefined) window.__firstRender = performance.now();
    return true;
  }
  if (!seen()) new MutationObserver(function (_m, observer) { if (seen()) observer.disconnect(); }).observe(root, { childList: true });
}, { once: true });`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** The files the first screen loads: what index.html names (scripts, preloads, styles, icon). */
export function firstScreenFiles(): Array<{ file: string; bytes: number; gzipBytes: number }> {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const named = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((ref) => !/^[a-z]+:/i.test(ref));
  return ['index.html', ...new Set(named.map((ref) => normalize(ref.replace(/^\.?\//, ''))))].map((file) => {
    const bytes = readFileSync(join(RENDERER, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/blank.html') return void response.writeHead(200, { 'content-type': 'text/html' }).end(BLANK);
    const file = normalize(join(RENDERER, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolveServe) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolveServe({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

export async function runRendererBench(options: BenchOptions): Promise<BenchResult> {
  const mode = options.quick ? 'quick' : 'full';
  if (!existsSync(join(RENDERER, 'index.html'))) {
    return { bench: 'renderer', mode, status: 'not built', note: 'dist/renderer/index.html is missing: run `npm run build:renderer` (vite build), then this bench again' };
  }
  const files = firstScreenFiles();
  const gzipTotal = files.reduce((a, f) => a + f.gzipBytes, 0);
  const rawTotal = files.reduce((a, f) => a + f.bytes, 0);
  const runs = options.quick ? 5 : 20;
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    // A fresh context per load: nothing cached, as on the app's first start.
    const load = async (path: string): Promise<{ firstRenderMs: number; fcpMs: number }> => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
        await page.addInitScript(FIRST_RENDER_PROBE);
        await page.goto(`${url}${path}`, { waitUntil: 'commit' });
        // First render: #root has content (React committed the first screen).
        await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { polling: 'raf', timeout: 30_000 });
        return await page.evaluate(async () => {
          const firstRenderMs = (window as unknown as { __firstRender?: number }).__firstRender ?? Number.NaN;
          const fcp = await new Promise<number>((resolveFcp) => {
            const seen = performance.getEntriesByName('first-contentful-paint')[0];
            if (seen) return resolveFcp(seen.startTime);
            new PerformanceObserver((list) => resolveFcp(list.getEntries()[0]!.startTime)).observe({ type: 'paint', buffered: true });
            setTimeout(() => resolveFcp(Number.NaN), 5000);
          });
          return { firstRenderMs, fcpMs: fcp };
        });
      } finally {
        await context.close();
      }
    };
    await load('/');
    await load('/blank.html');
    const app: number[] = [];
    const appFcp: number[] = [];
    const blank: number[] = [];
    options.log(`renderer: ${runs} loads each of the first screen and a blank page in Chromium`);
    for (let i = 0; i < runs; i += 1) {
      const a = await load('/');
      app.push(a.firstRenderMs);
      appFcp.push(a.fcpMs);
      blank.push((await load('/blank.html')).fcpMs);
    }
    const first = summarize(app);
    const floor = summarize(blank);
    return {
      bench: 'renderer',
      mode,
      status: 'built',
      firstScreen: { files, rawBytes: rawTotal, gzipBytes: gzipTotal, gzipKB: round(gzipTotal / 1024, 1) },
      chromium: {
        note: 'ms since navigation start, fresh browser context each load (no cache), served from 127.0.0.1; the page has no API behind it, so the first screen is the one shown before the API answers',
        firstRenderMs: first,
        firstContentfulPaintMs: summarize(appFcp),
        blankPageFirstPaintMs: floor,
        ratioToBlankPage: ratio(first, floor),
      },
      target: { firstScreenGzipAtMostKB: 250, met: gzipTotal / 1024 <= 250 },
    };
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}
