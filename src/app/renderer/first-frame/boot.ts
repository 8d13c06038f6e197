/**
 * The page's module (started by the page's inline script once STEP1 is painted; named by the
 * page itself only on Vite's dev server): loads React (main.tsx, with react-dom ~65 KB gzip, the first
 * render's main cost) once the first frame is on the display, and lets it take the drawn
 * screen over; for another screen it is loaded at once, as nothing is drawn without it.
 * The first frame itself is drawn by the page's inline script (first-frame.ts) while the
 * page is parsed; a page without it (Vite's dev server) draws it here.
 */
import { afterFirstPaint } from './after-first-paint.js';
import { drawFirstFrame, takeFirstFrame } from './draw-first-frame.js';
import { startScreen } from './start-state.js';

const { launchSecret, prerendered, earlyChoices } = takeFirstFrame() ?? drawFirstFrame();

void (prerendered ? afterFirstPaint() : Promise.resolve())
  .then(() => import('../main.js'))
  .then(({ startApp }) =>
    startApp({
      launchSecret,
      // What React starts from must be what was drawn, or it draws afresh: the fragment may
      // have changed meanwhile (the tray's device information).
      prerendered: prerendered && startScreen() === 'storage',
      early: earlyChoices(),
    }),
  );
