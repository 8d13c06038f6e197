/**
 * A Vite plugin putting the renderer's stylesheet into index.html (`<style>`) instead of
 * linking it, and naming that text by its hash in the page's CSP (the Electron main and the
 * bridge put the same hash into their CSP header, computed from the served index.html:
 * src/app/main/content-security-policy.ts).
 *
 * Why (issue 20 item 4): a linked stylesheet is a request the first paint waits for, and a
 * script may not run while a stylesheet is still loading — the page's first script, which
 * shows the prerendered STEP1, waited for it as well. Measured in Chromium, interleaved in
 * one run, the page with the stylesheet in it painted STEP1 at 190 ms median against
 * 244 ms linked (30 loads each, load average 15–18). The later screens need no stylesheet
 * of their own: every rule is here from the first frame, as it was when linked.
 *
 * Two steps: before Vite reads the page, the `<link>` becomes a `<style>` holding the
 * stylesheet, minified as Vite minified the linked file; after Vite is done with the page,
 * when the text is final, its hash goes into the CSP `<meta>`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { transformWithEsbuild, type Plugin } from 'vite';
import { inlineStyleHashes } from '../src/app/main/content-security-policy.js';

const STYLESHEET = resolve(import.meta.dirname, '../src/app/renderer/styles.css');
const LINK = '<link rel="stylesheet" href="./styles.css" />';
const STYLE_SOURCE = "style-src 'self'";

export function inlineFirstScreenStyle(): Plugin[] {
  return [
    {
      name: 'tokendesk:inline-first-screen-style',
      apply: 'build',
      transformIndexHtml: {
        order: 'pre',
        async handler(html) {
          if (!html.includes(LINK)) throw new Error(`index.html has no ${LINK} to put the stylesheet in place of`);
          const css = await readFile(STYLESHEET, 'utf8');
          if (/<\/style/i.test(css)) throw new Error('styles.css holds "</style": it cannot be put into the page as it is');
          // Minified as Vite minified the linked file (esbuild), which it does not do for a <style> of the page.
          const { code } = await transformWithEsbuild(css, STYLESHEET, { loader: 'css', minify: true, target: 'es2022', charset: 'utf8' });
          return html.replace(LINK, `<style>${code.trim()}</style>`);
        },
      },
    },
    {
      name: 'tokendesk:inline-first-screen-style-hash',
      apply: 'build',
      transformIndexHtml: {
        order: 'post',
        handler(html) {
          const hashes = inlineStyleHashes(html);
          if (hashes.length !== 1) throw new Error(`index.html should hold exactly the one inline stylesheet, holds ${hashes.length}`);
          if (!html.includes(`${STYLE_SOURCE};`)) throw new Error(`index.html's CSP has no "${STYLE_SOURCE};" to name the stylesheet in`);
          return html.replace(`${STYLE_SOURCE};`, `${STYLE_SOURCE} ${hashes.join(' ')};`);
        },
      },
    },
  ];
}
