/**
 * The first screen — the window with the storage wizard's STEP1, not yet connected — as
 * HTML, for the build to put into index.html (scripts/prerender-first-screen.ts). It is
 * the app's own tree rendered by react-dom/server in the stores' starting state, so the
 * page can show it before React is loaded and React can take it over (hydrateRoot)
 * without a difference. renderToString, not renderToStaticMarkup: hydration needs the
 * markers between adjacent texts.
 */
import { renderToString } from 'react-dom/server';
import { appTree } from '../app-tree.js';

export function firstScreenMarkup(): string {
  return renderToString(appTree());
}
