/**
 * The renderer's production build (vite.config.ts, in memory): what the first screen
 * loads — index.html, its stylesheet and its one script — holds React and STEP1 and not
 * what comes later: the API's client and zod (fetched after STEP1 is painted), the
 * message catalogue, the other screens, the later steps, the CA page's dialog (issue 20
 * item 4: all of them were in one 141 KB chunk before).
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/ca-server.js';

let output: Array<Rollup.OutputChunk | Rollup.OutputAsset>;
let entry: Rollup.OutputChunk;

beforeAll(async () => {
  const result = (await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { write: false } })) as Rollup.RollupOutput;
  output = result.output;
  entry = output.find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry)!;
}, 120_000);

const gzip = (content: string | Uint8Array) => gzipSync(content, { level: 9 }).length;
const modulesOf = (chunk: Rollup.OutputChunk) => Object.keys(chunk.modules).map((id) => id.replace(/\\/g, '/'));

describe('the first screen chunk', () => {
  it('is React and STEP1: no zod, message catalogue, PIN rules or later screen', () => {
    const modules = modulesOf(entry);
    expect(modules.some((id) => id.includes('/node_modules/react-dom/'))).toBe(true);
    expect(modules.some((id) => id.endsWith('screens/storage/step1-token.tsx'))).toBe(true);
    const late = modules.filter((id) =>
      /\/node_modules\/zod\/|\/src\/core\/messages\/(entries|catalogue)|\/src\/core\/pin\/|\/src\/api\/(ws-client|channels)\.ts$|\/screens\/(device|helpdesk|card|settings|portal)\/|\/screens\/storage\/step[2-5]/.test(id),
    );
    expect(late).toEqual([]);
  });

  it("is React's production build even when built under a test runner's NODE_ENV=test (as here)", () => {
    expect(process.env.NODE_ENV).toBe('test');
    expect(modulesOf(entry).filter((id) => /\.development\.js$/.test(id))).toEqual([]);
    // JSX built for development carries each element's source file: this checkout's path.
    expect(entry.code).not.toContain(REPO_ROOT);
  });

  it('leaves the API client and every later screen to chunks loaded on demand', () => {
    const lazy = output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isDynamicEntry).flatMap(modulesOf);
    for (const part of ['src/api/ws-client.ts', 'screens/device/device-screen.tsx', 'screens/helpdesk/helpdesk-screen.tsx', 'screens/card/card-screen.tsx', 'screens/settings/settings-screen.tsx', 'screens/portal/portal-prompt-dialog.tsx', 'screens/storage/step4-user-pin.tsx']) {
      expect(lazy.some((id) => id.endsWith(part)), part).toBe(true);
    }
  });

  it('is within the 100 KB (gzip) first-screen budget with the page and its stylesheet', () => {
    const html = output.find((file): file is Rollup.OutputAsset => file.type === 'asset' && file.fileName === 'index.html')!;
    const css = output.filter((file): file is Rollup.OutputAsset => file.type === 'asset' && file.fileName.endsWith('.css'));
    expect(String(html.source)).toContain(entry.fileName);
    const bytes = gzip(entry.code) + gzip(String(html.source)) + css.reduce((sum, file) => sum + gzip(file.source), 0);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
  });
});
