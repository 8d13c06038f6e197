/**
 * STEP4's list in the app (the renderer's own component, rendered to markup): each
 * sub-step as its latest event says. A step the CA's answer closed as failed is
 * crossed, not left running; run again later, it shows that last run.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { ProgressPhase, StorageProgress } from '../../../src/core/storage/index.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function shown(events: ReadonlyArray<[StorageProgress, ProgressPhase]>): Promise<Array<{ className: string; line: string }>> {
  vi.resetModules();
  // A page served in English (its <html lang>, as the first frame and the UI store read it).
  vi.stubGlobal('document', { documentElement: { lang: 'en' } });
  const { createElement } = await import('react');
  const { renderToStaticMarkup } = await import('react-dom/server');
  const { ProgressList } = await import('../../../src/app/renderer/screens/storage/progress-list.js');
  const markup = renderToStaticMarkup(createElement(ProgressList, { events: events.map(([progress, phase], at) => ({ progress, phase, at })) }));
  return [...markup.matchAll(/<li class="([^"]*)"><span[^>]*>([^<]*)<\/span>([^<]*)<\/li>/gu)].map((m) => ({ className: m[1]!, line: `${m[2]}${m[3]}` }));
}

it('a step closed as failed is crossed while the run goes on; the running one is marked', async () => {
  expect(await shown([['caCertificates', 'start'], ['caCertificates', 'end'], ['reportStored', 'start'], ['reportStored', 'failed'], ['keyGeneration', 'start']])).toEqual([
    { className: 'progress-done', line: '✔ Checking the CA certificates' },
    { className: 'progress-failed', line: '✘ Telling the CA the certificate is stored' },
    { className: 'progress-running', line: '… Generating the key on the token' },
  ]);
});

it('a step run again after it failed shows its last run: running, then done', async () => {
  const refusedThenReported: Array<[StorageProgress, ProgressPhase]> = [['reportStored', 'start'], ['reportStored', 'failed'], ['oldObjectsRemoved', 'start'], ['oldObjectsRemoved', 'end'], ['reportStored', 'start']];
  expect(await shown(refusedThenReported)).toEqual([
    { className: 'progress-running', line: '… Telling the CA the certificate is stored' },
    { className: 'progress-done', line: '✔ Removing the old certificate and key' },
  ]);
  expect(await shown([...refusedThenReported, ['reportStored', 'end']])).toEqual([
    { className: 'progress-done', line: '✔ Telling the CA the certificate is stored' },
    { className: 'progress-done', line: '✔ Removing the old certificate and key' },
  ]);
});

it('nothing reported yet: no list', async () => {
  expect(await shown([])).toEqual([]);
});
