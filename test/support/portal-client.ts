/**
 * A CA page's side of the portal API, for tests and the bench: a real WebSocket
 * with the page's Origin (as a browser sets it), every frame received recorded
 * (to prove what a page never sees), calls paired with their answers by id.
 */
import { WebSocket } from 'ws';

export interface PortalAnswer {
  id: number;
  ok: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; text: { ja: string; en: string } };
}

export interface PortalEvent {
  event: string;
  data: Record<string, unknown>;
}

export class PortalClient {
  readonly frames: string[] = [];
  readonly events: PortalEvent[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: PortalAnswer) => void>();
  private readonly eventWaiters: Array<{ match: (event: PortalEvent) => boolean; resolve: (event: PortalEvent) => void }> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      this.frames.push(text);
      const message = JSON.parse(text) as PortalAnswer & Partial<PortalEvent>;
      if (message.event !== undefined) {
        const event = { event: message.event, data: message.data ?? {} };
        this.events.push(event);
        for (const waiter of [...this.eventWaiters]) {
          if (waiter.match(event)) {
            this.eventWaiters.splice(this.eventWaiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
        return;
      }
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  static open(url: string, origin: string): Promise<PortalClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { origin });
      socket.once('open', () => resolve(new PortalClient(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<PortalAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ v: 'tokendesk-portal/1', id, method, params }));
    });
  }

  nextEvent(match: (event: PortalEvent) => boolean): Promise<PortalEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.eventWaiters.push({ match, resolve }));
  }

  close(): void {
    this.socket.close();
  }
}
