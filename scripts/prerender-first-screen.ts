/**
 * A Vite plugin putting the renderer's first screen into index.html: the app's own React
 * tree (src/app/renderer/first-frame/first-screen-markup.tsx) rendered by react-dom/server,
 * once per language, into a `<template>` each; the page's first script shows the one of
 * the language the page is served in before its first paint and loads React after it
 * (issue 20 item 4: React's start, not the bytes, held the first render at ~3.7× a blank
 * page). Rendered at build time from the same components the page hydrates, so the drawn
 * screen cannot drift from what React draws (test/e2e/first-screen.spec.ts checks the
 * takeover keeps every node).
 *
 * Each language is a fresh module runner: the UI store reads the page's language once, when
 * it is created, as in the page (and a server render shows a store's starting state only).
 * Node has no document; the stand-in given to it holds only the served page's `<html
 * lang>`, for the time of the render.
 */
import { resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import type { Language } from '../src/core/messages/index.js';
import { firstScreenTemplateId } from '../src/app/renderer/first-frame/first-screen-template.js';

const LANGUAGES: readonly Language[] = ['ja', 'en'];
const MARKUP_MODULE = resolve(import.meta.dirname, '../src/app/renderer/first-frame/first-screen-markup.tsx');
const ROOT = '<div id="root"></div>';

async function markupIn(language: Language): Promise<string> {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'document');
  Object.defineProperty(globalThis, 'document', { configurable: true, value: { documentElement: { lang: language } } });
  try {
    const { module } = await runnerImport<{ firstScreenMarkup(): string }>(MARKUP_MODULE, {
      configFile: false,
      logLevel: 'warn',
      esbuild: { jsx: 'automatic', jsxDev: false },
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    });
    return module.firstScreenMarkup();
  } finally {
    if (had) Object.defineProperty(globalThis, 'document', had);
    else Reflect.deleteProperty(globalThis, 'document');
  }
}

export function prerenderFirstScreen(): Plugin {
  return {
    name: 'tokendesk:prerender-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(ROOT)) throw new Error(`index.html has no empty ${ROOT} to draw the first screen before`);
        const templates = [];
        for (const language of LANGUAGES) {
          templates.push(`<template id="${firstScreenTemplateId(language)}">${await markupIn(language)}</template>`);
        }
        return html.replace(ROOT, `${templates.join('\n    ')}\n    ${ROOT}`);
      },
    },
  };
}
