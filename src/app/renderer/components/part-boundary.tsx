import { Component, Suspense, type ReactNode } from 'react';
import { useT } from '../i18n/use-t.js';
import { Busy } from './busy.js';
import { ConnectionLost } from './connection-lost.js';

/**
 * Around a part loaded on demand (lazy-part.ts): a short "loading" while its chunk
 * arrives, and if it cannot be fetched (the bridge gone), the same way out as a lost
 * connection instead of an empty window.
 */
export function PartBoundary({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  return (
    <LoadFailure>
      <Suspense fallback={quiet ? null : <Loading />}>{children}</Suspense>
    </LoadFailure>
  );
}

function Loading() {
  const t = useT();
  return <Busy text={t('loading')} />;
}

class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <ConnectionLost /> : this.props.children;
  }
}
