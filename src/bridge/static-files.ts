/**
 * The built renderer (dist/renderer) over HTTP: GET and HEAD only, files under
 * the root only (no traversal, no symlink escape, no dotfiles), a fixed list of
 * content types, the strict CSP and no caching — the page is local and small.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}

/**
 * `page`, given, makes the root's index.html as it is sent (the bridge names the window's
 * language in it: src/app/main/page-language.ts); every other file goes as it is.
 */
export async function serveStatic(
  root: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
  page?: (html: string) => string | Promise<string>,
): Promise<void> {
  const send = (status: number, text: string) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : text);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method Not Allowed');
  if (!root) return send(404, 'No renderer build: run npm run build:renderer');
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://bridge').pathname);
  } catch {
    return send(400, 'Bad Request');
  }
  if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.'))) return send(404, 'Not Found');
  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return send(404, 'No renderer build: run npm run build:renderer');
  const wanted = resolve(realRoot, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  const file = await realpath(wanted).catch(() => undefined);
  if (!file || (file !== realRoot && !file.startsWith(realRoot + sep))) return send(404, 'Not Found');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return send(404, 'Not Found');
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return send(404, 'Not Found');
  if (page && file === join(realRoot, 'index.html')) {
    const body = Buffer.from(await page(await readFile(file, 'utf8')));
    response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
    return void response.end(request.method === 'HEAD' ? undefined : body);
  }
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': info.size });
  if (request.method === 'HEAD') return void response.end();
  // pipeline, not pipe: a file that cannot be opened or read (out of descriptors, replaced
  // by an update) is an 'error' on the stream, which unheard would end the process.
  pipeline(createReadStream(file), response, (error) => {
    if (error) response.destroy();
  });
}

/** dist/renderer beside this source tree (src/bridge → ../../dist/renderer). */
export const DEFAULT_RENDERER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
