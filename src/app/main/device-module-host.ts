/**
 * The device module hosted by Electron main while TokenDesk runs: the same core
 * as the bridge and the agent. Its prompts reach the window through the
 * TokenDeskApi event (portalPrompts); here the window is only brought to the
 * front and kept on top while a prompt waits, so a CA page's question is never
 * hidden behind the browser. Electron-free: `raise` is the window's part.
 */
import type { TokenDeskService } from '../../core/service/index.js';
import { describeStartFailure, startDeviceModule, type PromptDesk, type RunningDeviceModule } from '../../device-module/index.js';

export interface DeviceModuleHost {
  running: RunningDeviceModule | undefined;
  stop(): Promise<void>;
}

export async function hostDeviceModule(options: {
  desk: PromptDesk;
  service: TokenDeskService;
  port?: number;
  /** true while a prompt waits: show the window, on top; false: back to normal. */
  raise(waiting: boolean): void;
  log(line: string): void;
}): Promise<DeviceModuleHost> {
  let waiting = false;
  const stopPrompts = options.desk.subscribePrompts(({ prompts }) => {
    const now = prompts.length > 0;
    if (now !== waiting) options.raise(now);
    waiting = now;
  });
  let running: RunningDeviceModule | undefined;
  try {
    running = await startDeviceModule({
      desk: options.desk,
      modulePath: async () => options.service.currentSettings().modulePath,
      ...(options.port !== undefined ? { port: options.port } : {}),
      log: (line) => options.log(`device module: ${line}`),
    });
  } catch (error) {
    // TokenDesk itself still works without it (e.g. the port is taken by an agent).
    options.log(`device module not started: ${describeStartFailure(error).split('\n')[0] ?? ''}`);
  }
  return {
    running,
    async stop() {
      stopPrompts();
      await running?.close();
    },
  };
}
