import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface LazyPart<P extends object> {
  /** For <Suspense>: the part, fetched the first time it is drawn unless preloaded. */
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Fetch the part's chunk now (once; again after a failed try). */
  preload(): Promise<ComponentType<P>>;
}

/**
 * A part of the UI in a chunk of its own (Vite splits at the dynamic import), so the
 * first screen does not carry the screens the user has not opened yet.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().catch((error: unknown) => {
      // A failed fetch (the bridge restarting) must not be remembered: the next draw tries again.
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return { Component: lazy(async () => ({ default: await preload() })), preload };
}
