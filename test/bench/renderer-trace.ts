/**
 * Where a page's first render goes, from a Chromium trace of one load: what the renderer
 * process did between navigation start and the first contentful paint, as CPU time (each
 * event's thread time, so another process's load does not count) and as waiting. Printed
 * by the renderer bench beside its timings, for STEP1 and for the blank page, after the
 * timed loads (tracing slows a load; no timed load is traced).
 *
 * What it showed (issue 20 item 4): styling and laying out STEP1 waits far longer than it
 * works — on synchronous font requests to the browser process, one per font family looked
 * up and one per strike (a face at one size and weight), each a round trip to the
 * browser's main thread; and rastering STEP1's Japanese glyphs at each strike is most of
 * the rest.
 */
import type { Browser, Page } from 'playwright-core';
import { round } from './stats.js';

const CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink', 'blink.user_timing', 'rail', 'cc', 'loading', 'fonts', 'navigation'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; family_name?: string; data?: { documentLoaderURL?: string } };
}

export interface FirstPaintTrace {
  /** First contentful paint, ms after navigation start (this traced load). */
  firstContentfulPaintMs: number;
  /** The page's renderer process, ms of CPU: its main thread, raster workers, compositor thread. */
  rendererCpuMs: { main: number; raster: number; compositor: number };
  /** Style recalculation and layout on the main thread: wall time against CPU time. */
  styleAndLayout: { wallMs: number; cpuMs: number };
  /** Synchronous font requests to the browser process: family look-ups (the names asked for) and per-strike render styles. */
  fontFamilyLookups: { count: number; wallMs: number; families: string[] };
  fontStrikeRequests: { count: number; wallMs: number };
  /** Characters no font of the list had, looked up in the system's fallback fonts. */
  fallbackFontLookups: number;
}

const ms = (microseconds: number) => round(microseconds / 1000, 1);

/** One load by `load`, traced from just before its navigation until it has reported its paint. */
export async function traceFirstPaint(browser: Browser, load: (watch: (page: Page) => Promise<() => Promise<void>>) => Promise<unknown>): Promise<FirstPaintTrace> {
  let traced: Buffer | undefined;
  await load(async (page) => {
    await browser.startTracing(page, { categories: CATEGORIES });
    return async () => void (traced = await browser.stopTracing());
  });
  if (!traced) throw new Error('the traced load ended without its trace');
  const events = (JSON.parse(traced.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = new Map<string, string>();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') threads.set(`${event.pid}:${event.tid}`, event.args?.name ?? '');
  const paint = events.filter((event) => event.name === 'firstContentfulPaint').sort((a, b) => a.ts - b.ts).at(-1);
  if (!paint) throw new Error('the traced load has no first contentful paint');
  // The page's own navigation (not the about:blank a new tab commits first).
  const start = events
    .filter((event) => event.name === 'navigationStart' && event.pid === paint.pid && event.ts < paint.ts && /^https?:/.test(event.args?.data?.documentLoaderURL ?? ''))
    .sort((a, b) => a.ts - b.ts)
    .at(-1);
  if (!start) throw new Error('the traced load has no navigation start');
  const inPage = events.filter((event) => event.ph === 'X' && event.pid === paint.pid && event.ts >= start.ts && event.ts <= paint.ts);
  const thread = (event: TraceEvent) => threads.get(`${event.pid}:${event.tid}`) ?? '';
  const cpu = (event: TraceEvent) => event.tdur ?? event.dur ?? 0;
  const sum = (list: TraceEvent[], of: (event: TraceEvent) => number) => list.reduce((total, event) => total + of(event), 0);
  const tasks = inPage.filter((event) => event.name === 'ThreadControllerImpl::RunTask' || event.name === 'ThreadPool_RunTask');
  const named = (...names: string[]) => inPage.filter((event) => names.includes(event.name));
  const styleAndLayout = named('UpdateLayoutTree', 'Layout');
  const families = named('FontDataManager::onMatchFamilyStyle');
  const strikes = named('WebSandboxSupportLinux::GetWebFontRenderStyleForStrike');
  return {
    firstContentfulPaintMs: ms(paint.ts - start.ts),
    rendererCpuMs: {
      main: ms(sum(tasks.filter((event) => thread(event) === 'CrRendererMain'), cpu)),
      raster: ms(sum(named('RasterTask'), cpu)),
      compositor: ms(sum(tasks.filter((event) => thread(event) === 'Compositor'), cpu)),
    },
    styleAndLayout: { wallMs: ms(sum(styleAndLayout, (event) => event.dur ?? 0)), cpuMs: ms(sum(styleAndLayout, cpu)) },
    fontFamilyLookups: { count: families.length, wallMs: ms(sum(families, (event) => event.dur ?? 0)), families: families.map((event) => event.args?.family_name ?? '') },
    fontStrikeRequests: { count: strikes.length, wallMs: ms(sum(strikes, (event) => event.dur ?? 0)) },
    fallbackFontLookups: named('FontCache::FallbackFontForCharacter').length,
  };
}
