/**
 * Whether an IPC message comes from our own page: the top frame of our main
 * window, showing a tokendesk://app page. A subframe, another window, or our window
 * after navigating elsewhere (which will-navigate already prevents) is refused.
 */
import { isAppUrl } from './app-protocol.js';

/** The parts of Electron's WebFrameMain the check reads (injectable for tests). */
export interface SenderFrame {
  url: string;
}

export function createSenderCheck(mainFrame: () => SenderFrame | undefined): (frame: SenderFrame | null | undefined) => boolean {
  return (frame) => {
    if (!frame) return false;
    const ours = mainFrame();
    return ours !== undefined && frame === ours && isAppUrl(frame.url);
  };
}
