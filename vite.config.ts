// The renderer's build: Vite's own esbuild turns TSX into JS (no React plugin
// needed without fast refresh), into dist/renderer, which Electron loads from
// file:// and the bridge serves over http://127.0.0.1 — hence relative paths.
// No inline script or style is emitted, so the page runs under a strict CSP.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'src/app/renderer');

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // An inlined asset would be a data: URL the CSP does not allow for scripts.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
    // One chunk (~130 KB gzip: React, zod, the catalogue) is under the 250 KB first-screen budget.
    chunkSizeWarningLimit: 500,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry comments Rollup cannot place; harmless, and noise in every build.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
