/**
 * The one Content-Security-Policy of the renderer, for Electron (response header
 * via session.webRequest) and the bridge (HTTP header): only our own files, no
 * inline script or style but the page's own first-frame script and stylesheet, each
 * named by its hash, no eval, no plug-ins, no framing, no forms, no remote content.
 * `connect` lists where the page may open a socket (the bridge's own ws:// origin;
 * nothing in Electron, which talks over IPC).
 *
 * Both are in index.html itself (scripts/inline-first-screen.ts): a linked one is a
 * request the first paint waits for (issue 20 item 4). A hash allows exactly that text —
 * not `'unsafe-inline'`, which would allow any script or style an injection carried.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PolicyOptions {
  /** Where the page may open a socket besides its own origin. */
  connect?: readonly string[];
  /** The page's inline `<style>` texts allowed, as CSP hash sources (`inlineStyleHashes`). */
  styleHashes?: readonly string[];
  /** The page's inline `<script>` texts allowed, as CSP hash sources (`inlineScriptHashes`). */
  scriptHashes?: readonly string[];
}

export function contentSecurityPolicy({ connect = [], styleHashes = [], scriptHashes = [] }: PolicyOptions = {}): string {
  return [
    "default-src 'none'",
    `script-src ${["'self'", ...scriptHashes].join(' ')}`,
    `style-src ${["'self'", ...styleHashes].join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/** The CSP hash source (`'sha256-…'`) of one inline `<style>` or `<script>` element's text. */
export function sourceHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hash source of every `<style>` element in a page, in order: what its CSP must allow, computed from the very bytes served. */
export function inlineStyleHashes(html: string): string[] {
  return inlineHashes(html, 'style');
}

/** The hash source of every inline `<script>` (one with no attributes: not the `src` ones) in a page, in order. */
export function inlineScriptHashes(html: string): string[] {
  return inlineHashes(html, 'script');
}

function inlineHashes(html: string, tag: 'style' | 'script'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => sourceHash(match[1]!));
}

/**
 * The policy for the renderer's index.html as it is in `rendererDir` now (read once, at
 * start): its own inline script and stylesheet allowed by their hashes. No directory, or
 * no build in it, allows nothing inline. One place for Electron main and the bridge.
 */
export async function rendererPagePolicy(rendererDir: string | undefined, connect: readonly string[] = []): Promise<string> {
  const page = rendererDir ? await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => '') : '';
  return contentSecurityPolicy({ connect, styleHashes: inlineStyleHashes(page), scriptHashes: inlineScriptHashes(page) });
}
