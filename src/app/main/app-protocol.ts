/**
 * The renderer is loaded from `tokendesk://app/…`, not file:// (Electron's
 * checklist: a file:// page may read any local file, and gets no response headers
 * for the CSP). resolveAppFile is the pure part: which file under the renderer
 * directory a URL names, or nothing — no traversal, no other host, no dotfiles.
 */
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'tokendesk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The renderer opened on one of its screens (the fragment names it; the renderer follows it). */
export function appScreenUrl(screen: string): string {
  return `${APP_ENTRY_URL}#${encodeURIComponent(screen)}`;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function resolveAppFile(rendererDir: string, url: string): { path: string; type: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.'))) return undefined;
  const root = resolve(rendererDir);
  const path = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!path.startsWith(root + sep)) return undefined;
  const type = TYPES[extname(path).toLowerCase()];
  return type ? { path, type } : undefined;
}

/** Only our own pages: anything else (http, file, another scheme) is refused navigation. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
