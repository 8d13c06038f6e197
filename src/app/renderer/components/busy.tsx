import type { ReactNode } from 'react';

/** Shown while the token or the CA works: a live region, so screen readers announce it once. */
export function Busy({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="busy">
      <span className="spinner" aria-hidden="true" />
      <p className="busy-text">{text}</p>
      {children}
    </div>
  );
}
