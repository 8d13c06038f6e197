/**
 * Bench 4 — renderer: the first screen (the storage wizard's STEP1) from the production
 * build (dist/renderer, `npm run build:renderer`), in Debian's Chromium (headless), each
 * load in a fresh context (nothing cached), against a blank page served the same way in
 * the same run (the browser's own floor).
 *
 * - Bytes: every file the browser fetched before STEP1 was painted (resource timing:
 *   requests started before that paint), raw and gzip (level 9, as a static server would
 *   send it). Parts fetched after it (the API's client, the later screens) are listed
 *   apart: they are what the user does not wait for.
 * - First render: when STEP1's instruction text was painted (Element Timing), against
 *   when the blank page's one paragraph was (the same measure; its first contentful paint
 *   is printed beside both).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './compiled.js';
import { ensureFreshBuild, type BuildOutput } from './fresh-build.js';
import { traceFirstPaint } from './renderer-trace.js';
import { ratio, round, summarize, type BenchOptions, type BenchResult } from './stats.js';

const RENDERER = join(REPO_ROOT, 'dist/renderer');
/** What `npm run build:renderer` makes (vite build, with STEP1 prerendered and the first frame's stylesheet and script put in). */
const RENDERER_BUILD: BuildOutput = { output: 'dist/renderer/index.html', sources: ['src', 'scripts', 'vite.config.ts', 'package-lock.json'], npmScript: 'build:renderer' };
/** What is timed on each page: STEP1's instruction, and the blank page's paragraph. */
const MARK = 'first-screen';
const REPORT = '__firstScreenSeen';
const FIRST_SCREEN = '.step-form .lead';
const BLANK = `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><div id="root"><p elementtiming="${MARK}">blank</p></div></body></html>`;
/**
 * In the page from its start: marks STEP1's text for Element Timing the moment it is put
 * into the page (a MutationObserver runs before the browser paints what was inserted),
 * and once that text is painted (and the first contentful paint is known), reports
 * through a binding. Nothing is evaluated in the page while it loads: Playwright's
 * evaluate and waitForFunction inject their own script first, whose compile ran on the
 * page's main thread in the middle of the app's start (and waitForFunction polled every
 * frame), which slowed the app's first render far more than the blank page's.
 */
const FIRST_SCREEN_PROBE = `(function () {
  var committedMs;
  new MutationObserver(function (_m, observer) {
    var text = document.querySelector('${FIRST_SCREEN}');
    if (!text) return;
    text.setAttribute('elementtiming', '${MARK}');
    committedMs = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver(function (list, observer) {
    var entry = list.getEntries().find(function (e) { return e.identifier === '${MARK}'; });
    if (!entry) return;
    observer.disconnect();
    var paintedMs = entry.renderTime || entry.loadTime;
    new PerformanceObserver(function (paints, fcpObserver) {
      var fcp = paints.getEntriesByName('first-contentful-paint')[0];
      if (!fcp) return;
      fcpObserver.disconnect();
      var fetched = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .map(function (e) { return { url: e.name, startMs: e.startTime }; });
      window.${REPORT}({ paintedMs: paintedMs, committedMs: committedMs === undefined ? null : committedMs, fcpMs: fcp.startTime, fetched: fetched });
    }).observe({ type: 'paint', buffered: true });
  }).observe({ type: 'element', buffered: true });
})();`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

export interface FetchedFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** A file of the build as a static server sends it: its size raw and gzip-compressed. */
function sized(file: string): FetchedFile {
  const bytes = readFileSync(join(RENDERER, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

const total = (files: readonly FetchedFile[], key: 'bytes' | 'gzipBytes') => files.reduce((sum, file) => sum + file[key], 0);

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

interface Load {
  /** When the timed text was painted (ms since navigation start). */
  paintedMs: number;
  /** When STEP1 was put into the page: the prerendered screen, by the page's first script (the app page only). */
  committedMs: number;
  fcpMs: number;
  /** Every request of the page: its URL and when it started. */
  fetched: Array<{ url: string; startMs: number }>;
}

/** The build's files fetched before `beforeMs`: the document and every script, preload, style and icon. */
function fetchedBefore(load: Load, beforeMs: number): string[] {
  return load.fetched
    .filter((entry) => entry.startMs < beforeMs)
    .map((entry) => new URL(entry.url).pathname.replace(/^\//, '') || 'index.html')
    .filter((file) => existsSync(join(RENDERER, normalize(file))));
}

export async function runRendererBench(options: BenchOptions): Promise<BenchResult> {
  const mode = options.quick ? 'quick' : 'full';
  const build = ensureFreshBuild(RENDERER_BUILD, options.log);
  // Paint times come in steps of ~4 ms, a tenth of the blank page's: with 20 loads of each,
  // the same page read 2.00x and 2.25x in two runs a minute apart; 40 halve that spread.
  const runs = options.quick ? 5 : 40;
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    // A fresh context per load: nothing cached, as on the app's first start.
    // `watch`, given, starts something on the page before it navigates and ends it once the paint is reported (a trace).
    const load = async (path: string, watch?: (page: Page) => Promise<() => Promise<void>>): Promise<Load> => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        let report!: (load: Load) => void;
        const reported = new Promise<Load>((resolveReport) => (report = resolveReport));
        await page.exposeBinding(REPORT, (_source, load: Load) => report({ ...load, committedMs: load.committedMs ?? Number.NaN }));
        // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
        await page.addInitScript(FIRST_SCREEN_PROBE);
        const endWatch = await watch?.(page);
        await page.goto(`${url}${path}`, { waitUntil: 'commit' });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`${path}: nothing painted for ${FIRST_SCREEN} in 30 s: is dist/renderer a build of this checkout?`)), 30_000);
        });
        try {
          const seen = await Promise.race([reported, late]);
          await endWatch?.();
          return seen;
        } finally {
          clearTimeout(timer);
        }
      } finally {
        await context.close();
      }
    };
    await load('/');
    await load('/blank.html');
    const app: Load[] = [];
    const blank: Load[] = [];
    options.log(`renderer: ${runs} loads each of the first screen and a blank page in Chromium`);
    for (let i = 0; i < runs; i += 1) {
      app.push(await load('/'));
      blank.push(await load('/blank.html'));
    }
    // Where the time goes, from one traced load of each, after the timed ones (tracing slows a load).
    const traced = { firstScreen: await traceFirstPaint(browser, (watch) => load('/', watch)), blankPage: await traceFirstPaint(browser, (watch) => load('/blank.html', watch)) };
    // Every file any load fetched before STEP1 was on screen (the same set each time, unless a race moved one).
    const before = [...new Set(app.flatMap((run) => fetchedBefore(run, run.paintedMs)))].sort();
    const files = before.map(sized);
    const gzipTotal = total(files, 'gzipBytes');
    const everything = listBuild().filter((file) => !before.includes(file)).map(sized);
    const first = summarize(app.map((run) => run.paintedMs));
    const floor = summarize(blank.map((run) => run.paintedMs));
    const ratioToBlank = ratio(first, floor);
    return {
      bench: 'renderer',
      mode,
      status: build === 'rebuilt' ? 'built for this run' : 'built',
      firstScreen: {
        note: 'every file of the build the browser fetched before STEP1 was painted, gzip level 9',
        files,
        rawBytes: total(files, 'bytes'),
        gzipBytes: gzipTotal,
        gzipKB: round(gzipTotal / 1024, 1),
      },
      restOfBuild: {
        note: 'not waited for: React and the app taking the drawn STEP1 over, the API client (both fetched after STEP1 is painted), the later screens and steps (fetched once connected)',
        files: everything.length,
        gzipKB: round(total(everything, 'gzipBytes') / 1024, 1),
      },
      chromium: {
        note: 'ms since navigation start, fresh browser context each load (no cache), served from 127.0.0.1 with no API behind it (STEP1 is drawn before the API answers); first render = STEP1 instruction text painted (Element Timing), the blank page measured the same way',
        firstRenderMs: first,
        firstScreenCommittedMs: summarize(app.map((run) => run.committedMs)),
        firstContentfulPaintMs: summarize(app.map((run) => run.fcpMs)),
        blankPageFirstPaintMs: floor,
        blankPageFirstContentfulPaintMs: summarize(blank.map((run) => run.fcpMs)),
        ratioToBlankPage: ratioToBlank,
      },
      whereTheTimeGoes: {
        note: 'one traced load of each after the timed ones (slower than they are): the renderer process between navigation start and first contentful paint; CPU is thread time, waits are the rest; font requests are synchronous round trips to the browser process (one per family name looked up, one per strike: a face at one size and weight)',
        ...traced,
      },
      target: { firstScreenGzipAtMostKB: 100, firstRenderAtMostTimesBlankPage: 2, met: gzipTotal / 1024 <= 100 && ratioToBlank <= 2 },
    };
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
}

/** Every file of the build, relative to dist/renderer. */
function listBuild(): string[] {
  return readdirSync(RENDERER, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(RENDERER, join(entry.parentPath, entry.name)));
}
