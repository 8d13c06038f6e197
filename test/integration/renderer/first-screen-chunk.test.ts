/**
 * The renderer's production build (vite.config.ts, in memory). What the first screen
 * loads before it is painted — index.html with STEP1 prerendered in it, and in it too the
 * stylesheet and the small script that shows STEP1 (first-frame/first-frame.ts) and, after the
 * paint, starts the module that loads React (first-frame/boot.ts) — holds no React: React and the
 * app (main.tsx) come after that paint, in a chunk of their own, and what comes later still
 * (the API's client and zod, the message catalogue, the other screens, the later steps, the
 * CA page's dialog) is not in that chunk either (issue 20 item 4: all of it was one 141 KB
 * chunk, and the first render waited for React's start).
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes, inlineStyleHashes } from '../../../src/app/main/content-security-policy.js';
import { REPO_ROOT } from '../../support/ca-server.js';

const gzip = (content: string | Uint8Array) => gzipSync(content, { level: 9 }).length;
const modulesOf = (chunk: Rollup.OutputChunk) => Object.keys(chunk.modules).map((id) => id.replace(/\\/g, '/'));

let output: Array<Rollup.OutputChunk | Rollup.OutputAsset>;
let entry: Rollup.OutputChunk;
let app: Rollup.OutputChunk;
let html: string;

beforeAll(async () => {
  const result = (await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { write: false } })) as Rollup.RollupOutput;
  output = result.output;
  entry = output.find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry)!;
  app = output.find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isDynamicEntry && modulesOf(file).some((id) => id.endsWith('/src/app/renderer/main.tsx')))!;
  html = String(output.find((file): file is Rollup.OutputAsset => file.type === 'asset' && file.fileName === 'index.html')!.source);
}, 120_000);

const LATE = /\/node_modules\/zod\/|\/src\/core\/messages\/(entries|catalogue)|\/src\/core\/pin\/|\/src\/api\/(ws-client|channels)\.ts$|\/screens\/(device|helpdesk|card|settings|portal)\/|\/screens\/storage\/step[2-5]/;

describe('the first screen', () => {
  it('is in index.html, drawn by the build in both languages', () => {
    expect(html).toContain('<template id="first-screen-ja"><div class="app">');
    expect(html).toContain('<template id="first-screen-en"><div class="app">');
    expect(html).toContain('コンピューターのUSBポートにeTokenを接続し、&lt;次へ&gt;ボタンをクリックしてください。');
    expect(html).toContain('Plug the eToken into a USB port of this computer, then press Next.');
    // The root is empty until the page's script has picked the language and the screen.
    expect(html).toContain('<div id="root"></div>');
  });

  it('draws it with a script in the page, allowed by its hash: STEP1 waits for no request', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(scripts).toHaveLength(1);
    // After the root and the templates it draws from, so it runs as soon as they are parsed.
    expect(html.indexOf('<script>')).toBeGreaterThan(html.indexOf('<div id="root"></div>'));
    expect(html.indexOf('<script>')).toBeGreaterThan(html.indexOf('<template id="first-screen-en">'));
    // Its work, no React: the secret out of the address, the language the page was served in, STEP1 from its template, the hand-over to boot.ts.
    for (const part of ['tokendesk.launchSecret', 'documentElement.lang', 'first-screen-', 'replaceChildren', 'Symbol.for("tokendesk.firstFrame")', 'pagehide']) expect(scripts[0]).toContain(part);
    // The language is the page's own (served in it): no storage request before the first frame.
    expect(scripts[0]).not.toContain('localStorage');
    for (const react of ['react-dom', '__reactFiber', 'hydrateRoot', 'import(']) expect(scripts[0]).not.toContain(react);
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toContain(`script-src 'self' ${inlineScriptHashes(html)[0]};`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('loads React with one module, started by that script after its paint, without React itself', () => {
    // The page names no script file: a module it named would run just before STEP1's first frame.
    expect(html.match(/<script\b[^>]*\bsrc=/g)).toBeNull();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).toContain(`"./${entry.fileName}"`);
    expect(script).toContain('first-contentful-paint');
    const modules = modulesOf(entry);
    expect(modules.some((id) => id.endsWith('/first-frame/boot.ts'))).toBe(true);
    expect(modules.filter((id) => id.includes('/node_modules/'))).toEqual([]);
    expect(modules.filter((id) => LATE.test(id))).toEqual([]);
    expect(entry.dynamicImports).toContain(app.fileName);
  });

  it('holds its stylesheet, allowed by its hash in the CSP: no stylesheet request for the first paint (or its script) to wait for', () => {
    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    expect(output.filter((file) => file.fileName.endsWith('.css'))).toEqual([]);
    // No chunk loads a stylesheet later either (Vite's preload helper would, for a CSS file the chunks shared).
    for (const chunk of output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk')) expect(chunk.code, chunk.fileName).not.toMatch(/\/[\w-]+\.css["']/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
    expect(styles).toHaveLength(1);
    // The whole stylesheet, minified: the rules of the first screen and of every later one.
    for (const rule of ['.step-current{', '.lead{font-weight:700}', '.portal-dialog{', 'content:"⇒"', 'font-family:Segoe UI,Liberation Sans,Yu Gothic UI,Meiryo UI,Meiryo,Noto Sans CJK JP,IPAPGothic,Hiragino Sans,sans-serif']) {
      expect(styles[0]).toContain(rule);
    }
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toContain(`style-src 'self' ${inlineStyleHashes(html)[0]};`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('is within 10 KB (gzip): the page with its stylesheet and script, and the module it starts', () => {
    const bytes = gzip(entry.code) + gzip(html);
    expect(bytes).toBeLessThanOrEqual(10 * 1024);
  });
});

describe('the app chunk taking the drawn screen over after the paint', () => {
  it('is React and STEP1: no zod, message catalogue, PIN rules or later screen', () => {
    const modules = modulesOf(app);
    expect(modules.some((id) => id.includes('/node_modules/react-dom/'))).toBe(true);
    expect(modules.some((id) => id.endsWith('screens/storage/step1-token.tsx'))).toBe(true);
    expect(modules.filter((id) => LATE.test(id))).toEqual([]);
    // Hydration only: react-dom/server stays in the build's prerender.
    expect(modules.filter((id) => /react-dom\/(server|cjs\/react-dom-server)/.test(id))).toEqual([]);
  });

  it("is React's production build even when built under a test runner's NODE_ENV=test (as here)", () => {
    expect(process.env.NODE_ENV).toBe('test');
    for (const chunk of [entry, app]) {
      expect(modulesOf(chunk).filter((id) => /\.development\.js$/.test(id))).toEqual([]);
      // JSX built for development carries each element's source file: this checkout's path.
      expect(chunk.code).not.toContain(REPO_ROOT);
    }
    expect(html).not.toContain(REPO_ROOT);
  });

  it('leaves the API client and every later screen to chunks loaded on demand', () => {
    const lazy = output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isDynamicEntry && file !== app).flatMap(modulesOf);
    for (const part of ['src/api/ws-client.ts', 'screens/device/device-screen.tsx', 'screens/helpdesk/helpdesk-screen.tsx', 'screens/card/card-screen.tsx', 'screens/settings/settings-screen.tsx', 'screens/portal/portal-prompt-dialog.tsx', 'screens/storage/step4-user-pin.tsx']) {
      expect(lazy.some((id) => id.endsWith(part)), part).toBe(true);
    }
  });

  it('with the first screen is within the 100 KB (gzip) budget: what STEP1 needs to act', () => {
    const bytes = gzip(entry.code) + gzip(app.code) + gzip(html);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
  });
});
