/**
 * Token presence for the portal's allowed pages: one poller on the token library
 * while at least one page listens, none otherwise.
 */
import { openModule, presentTokens, watchTokens, type Pkcs11Module } from '../core/pkcs11/index.js';
import type { PortalToken } from './portal-protocol.js';
import { toPortalToken } from './token-work.js';

export type PresenceListener = (tokens: PortalToken[]) => void;

export class PresenceHub {
  private readonly listeners = new Set<PresenceListener>();
  private latest: PortalToken[] | undefined;
  private stop: (() => void) | undefined;
  private module: Pkcs11Module | undefined;
  private starting = false;

  constructor(
    private readonly modulePath: () => Promise<string | undefined>,
    private readonly intervalMs = 1000,
  ) {}

  subscribe(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest);
    void this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.halt();
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.halt();
  }

  private async start(): Promise<void> {
    if (this.stop || this.starting) return;
    this.starting = true;
    try {
      const module = await openModule(await this.modulePath());
      if (this.listeners.size === 0) return void (await module.release());
      this.module = module;
      this.stop = watchTokens(
        module,
        (presence) => {
          this.latest = presentTokens(presence.slots).map(toPortalToken);
          for (const listener of this.listeners) listener(this.latest);
        },
        { intervalMs: this.intervalMs },
      );
    } catch {
      // No library: the page learns why from its next call (row 2's words).
    } finally {
      this.starting = false;
    }
  }

  private async halt(): Promise<void> {
    this.stop?.();
    this.stop = undefined;
    this.latest = undefined;
    const module = this.module;
    this.module = undefined;
    await module?.release();
  }
}
