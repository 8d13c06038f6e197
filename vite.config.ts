// The renderer's build: Vite's own esbuild turns TSX into JS (no React plugin
// needed without fast refresh), into dist/renderer, which Electron loads from
// file:// and the bridge serves over http://127.0.0.1 — hence relative paths.
// The one inline script and the one inline style are allowed by their hashes, so the page
// runs under a strict CSP.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { inlineFirstScreen } from './scripts/inline-first-screen.js';
import { prerenderFirstScreen } from './scripts/prerender-first-screen.js';

const root = resolve(import.meta.dirname, 'src/app/renderer');

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  // STEP1 drawn by the build into index.html, shown before React is loaded, and the
  // stylesheet and the script drawing it in the page rather than requests the first paint
  // waits for (issue 20 item 4).
  plugins: [prerenderFirstScreen(), inlineFirstScreen()],
  // React's production build whatever NODE_ENV the caller has: Vite takes it from the
  // environment, and a build run from a test (NODE_ENV=test: the package test's) got
  // React's development build and JSX with source locations, 60 KB gzip more and slower to start.
  esbuild: { jsx: 'automatic', jsxDev: false },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // An inlined asset would be a data: URL the CSP does not allow for scripts.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
    // The first chunk is React and STEP1 (~80 KB gzip of the 100 KB first-screen budget); the
    // API's client (zod), the message catalogue and the later screens load on demand
    // (src/app/renderer/screens/later-parts.ts, api/open-api.ts).
    chunkSizeWarningLimit: 300,
    // Electron's Chromium and every browser the bridge serves preload modules natively:
    // the polyfill would only add to the first chunk.
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry comments Rollup cannot place; harmless, and noise in every build.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
