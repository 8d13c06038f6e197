/**
 * The page's inline script (the build puts it at the end of index.html's body, allowed by
 * its hash: scripts/inline-first-screen.ts): draws the first frame while the page is
 * parsed, so the first paint waits for no request (issue 20 item 4: a linked script had
 * to arrive before STEP1 was in the page). boot.ts, the module that loads React, takes it
 * from here.
 *
 * That module is started from here once STEP1 is on the display, not by a `<script
 * type="module">` of the page: a module the page names is fetched at once and run when the
 * page is parsed, just before STEP1's first frame, which then came later — 2.15× a blank
 * page against 1.92× without it (Chromium, 120 loads of each interleaved). It has nothing
 * to do before the paint: React is loaded after it anyway. A window opened on another
 * screen draws nothing here, so the module is started at once.
 */
import { afterFirstPaint } from './after-first-paint.js';
import { drawFirstFrame, handOverFirstFrame, type FirstFrame } from './draw-first-frame.js';
import { startModule } from './start-module.js';

/** boot.ts as built, `./assets/index-….js`: set by the build that inlines this script. */
declare const TOKENDESK_BOOT_MODULE: string;

let frame: FirstFrame | undefined;
try {
  frame = drawFirstFrame();
  handOverFirstFrame(frame);
} finally {
  // Even should drawing fail: boot.ts then draws the frame itself, as it does without this script.
  void (frame?.prerendered ? afterFirstPaint() : Promise.resolve()).then(() => startModule(TOKENDESK_BOOT_MODULE));
}
