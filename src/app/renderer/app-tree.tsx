import { StrictMode } from 'react';
import { App } from './app.js';

/** The whole window as React draws it: the same tree for the build's prerender (first-frame/first-screen-markup.tsx) and the page's hydration (main.tsx), so they cannot differ. */
export function appTree() {
  return (
    <StrictMode>
      <App />
    </StrictMode>
  );
}
