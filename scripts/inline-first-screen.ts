/**
 * A Vite plugin putting into index.html what its first paint needs, instead of linking it
 * (issue 20 item 4: each linked file was a request the first paint waited for):
 *
 * - the stylesheet, as a `<style>` (minified as Vite minified the linked file). A script
 *   may not run while a stylesheet is loading, so the script that draws STEP1 waited for
 *   it too;
 * - the first frame's script (src/app/renderer/first-frame/first-frame.ts: take the
 *   launch secret out of the address, pick the language and screen, draw the prerendered
 *   STEP1), bundled on its own as a classic script at the end of the body: it runs while
 *   the page is parsed, before the first frame. The module that loads React (boot.ts)
 *   stays a file and takes over from it after the paint; Vite's `<script type="module">`
 *   for it leaves the page, and this script starts it once STEP1 is on the display (a
 *   module the page names is run just before its first frame, which then came later).
 *
 * Each is named by its hash in the page's CSP `<meta>`; the Electron main and the bridge
 * put the same hashes into their CSP header, computed from the served index.html
 * (src/app/main/content-security-policy.ts). No `'unsafe-inline'`.
 *
 * Steps: before Vite reads the page, the stylesheet's `<link>` becomes a `<style>`; after
 * Vite is done with it (its own script tags in), the script goes in and, the text final,
 * the hashes go into the CSP.
 *
 * Measured in Chromium, interleaved in one run (load average 15–24): the stylesheet in the
 * page put STEP1 into it at 130 ms instead of 157 (painted 224 instead of 250, the blank
 * page at 88); the first-frame script in the page too, 2.14× the blank page against 2.61×.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, transformWithEsbuild, type Plugin, type Rollup } from 'vite';
import { inlineScriptHashes, inlineStyleHashes } from '../src/app/main/content-security-policy.js';

const STYLESHEET = resolve(import.meta.dirname, '../src/app/renderer/styles.css');
const FIRST_FRAME = resolve(import.meta.dirname, '../src/app/renderer/first-frame/first-frame.ts');
const LINK = '<link rel="stylesheet" href="./styles.css" />';
const BODY_END = '</body>';
/** Vite's tag for the page's entry (boot.ts), with the built file's path. */
const ENTRY_SCRIPT = /[ \t]*<script type="module" crossorigin src="([^"]+)"><\/script>\n?/g;
const TARGET = 'es2022';

/** Text that may stand inside a `<style>` or `<script>` element as it is. */
function inlinable(text: string, element: 'style' | 'script'): string {
  if (new RegExp(`</${element}`, 'i').test(text) || /<!--/.test(text)) throw new Error(`the ${element} holds "</${element}" or "<!--": it cannot be put into the page as it is`);
  return text.trim();
}

/** first-frame.ts and what it imports, one classic script (an IIFE: nothing global but the hand-over), starting `bootModule` after the paint. */
async function firstFrameScript(bootModule: string): Promise<string> {
  const result = (await build({
    configFile: false,
    logLevel: 'warn',
    esbuild: { jsx: 'automatic', jsxDev: false },
    define: { 'process.env.NODE_ENV': JSON.stringify('production'), TOKENDESK_BOOT_MODULE: JSON.stringify(bootModule) },
    build: {
      write: false,
      target: TARGET,
      minify: true,
      lib: { entry: FIRST_FRAME, formats: ['iife'], name: 'tokendeskFirstFrame' },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const output = (Array.isArray(result) ? result[0]! : result).output;
  const chunks = output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the first frame's script should be one chunk, is ${chunks.length}`);
  return inlinable(chunks[0]!.code, 'script');
}

/** The CSP `<meta>`'s `<directive> 'self'` given the hashes of what the page holds inline. */
function allow(html: string, directive: 'style-src' | 'script-src', hashes: readonly string[]): string {
  const source = `${directive} 'self';`;
  if (hashes.length !== 1) throw new Error(`index.html should hold exactly one inline ${directive === 'style-src' ? 'stylesheet' : 'script'}, holds ${hashes.length}`);
  if (!html.includes(source)) throw new Error(`index.html's CSP has no "${source}" to name it in`);
  return html.replace(source, `${directive} 'self' ${hashes.join(' ')};`);
}

export function inlineFirstScreen(): Plugin[] {
  return [
    {
      name: 'tokendesk:inline-first-screen-style',
      apply: 'build',
      transformIndexHtml: {
        order: 'pre',
        async handler(html) {
          if (!html.includes(LINK)) throw new Error(`index.html has no ${LINK} to put the stylesheet in place of`);
          // Minified as Vite minified the linked file (esbuild), which it does not do for a <style> of the page.
          const { code } = await transformWithEsbuild(await readFile(STYLESHEET, 'utf8'), STYLESHEET, { loader: 'css', minify: true, target: TARGET, charset: 'utf8' });
          return html.replace(LINK, `<style>${inlinable(code, 'style')}</style>`);
        },
      },
    },
    {
      name: 'tokendesk:inline-first-screen-script',
      apply: 'build',
      transformIndexHtml: {
        order: 'post',
        async handler(html) {
          if (!html.includes(BODY_END)) throw new Error(`index.html has no ${BODY_END} to put the first frame's script before`);
          const entries = [...html.matchAll(ENTRY_SCRIPT)];
          if (entries.length !== 1) throw new Error(`index.html should have exactly one module script (boot.ts, Vite's entry) for the first frame's script to start, has ${entries.length}`);
          const [tag, bootModule] = entries[0]!;
          const page = html.replace(tag, '').replace(BODY_END, `  <script>${await firstFrameScript(bootModule!)}</script>\n  ${BODY_END}`);
          return allow(allow(page, 'style-src', inlineStyleHashes(page)), 'script-src', inlineScriptHashes(page));
        },
      },
    },
  ];
}
