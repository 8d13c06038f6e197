/**
 * The page's inline script (the build puts it at the end of index.html's body, allowed by
 * its hash: scripts/inline-first-screen.ts): draws the first frame while the page is
 * parsed, so the first paint waits for no request (issue 20 item 4: a linked script had
 * to arrive before STEP1 was in the page). boot.ts, loaded as a module, takes it from here.
 */
import { drawFirstFrame, handOverFirstFrame } from './draw-first-frame.js';

handOverFirstFrame(drawFirstFrame());
