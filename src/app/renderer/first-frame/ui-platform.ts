/**
 * The desktop system the window runs on, as the stylesheet keys its font lists
 * (`:root[data-platform=…]` in styles.css). Each family the list names before the first
 * one installed is a miss that costs the renderer a synchronous request to the browser
 * process while it lays the first screen out (Chromium on Linux: one per family name,
 * each fresh renderer process anew); a list that starts with the faces this system ships
 * finds them at once (issue 20 item 4: 8 look-ups to 4 on Debian with IPA fonts only).
 * The faces chosen are the ones the single list chose on each system: only the order of
 * the look-ups changes.
 */
export type UiPlatform = 'windows' | 'mac' | 'linux';

/** From `navigator.platform` (`Win32`, `MacIntel`, `Linux x86_64`, …): a system the stylesheet has a font list for, else none (the list for all). */
export function uiPlatform(platform: string): UiPlatform | undefined {
  if (/^win/i.test(platform)) return 'windows';
  if (/^mac/i.test(platform)) return 'mac';
  if (/^linux/i.test(platform)) return 'linux';
  return undefined;
}

/** Marks the page's root with its system before anything is styled (the first frame's script, first-frame/draw-first-frame.ts). */
export function markUiPlatform(root: HTMLElement, platform: string): void {
  const found = uiPlatform(platform);
  if (found) root.dataset.platform = found;
}
