/**
 * A minimal menu: quit, the edit commands PIN fields need (paste), zoom for
 * readability. No reload, no developer tools, no links out. Pure: a template.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(language: 'ja' | 'en', platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const ja = language === 'ja';
  const edit: MenuItemConstructorOptions = {
    label: ja ? '編集' : 'Edit',
    submenu: [
      { role: 'undo', label: ja ? '元に戻す' : 'Undo' },
      { role: 'redo', label: ja ? 'やり直し' : 'Redo' },
      { type: 'separator' },
      { role: 'cut', label: ja ? '切り取り' : 'Cut' },
      { role: 'copy', label: ja ? 'コピー' : 'Copy' },
      { role: 'paste', label: ja ? '貼り付け' : 'Paste' },
      { role: 'selectAll', label: ja ? 'すべて選択' : 'Select All' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: ja ? '表示' : 'View',
    submenu: [
      { role: 'resetZoom', label: ja ? '実際のサイズ' : 'Actual Size' },
      { role: 'zoomIn', label: ja ? '拡大' : 'Zoom In' },
      { role: 'zoomOut', label: ja ? '縮小' : 'Zoom Out' },
    ],
  };
  const quit: MenuItemConstructorOptions = { role: 'quit', label: ja ? 'TokenDesk を終了' : 'Quit TokenDesk' };
  if (platform === 'darwin') {
    return [{ label: 'TokenDesk', submenu: [{ role: 'about' }, { type: 'separator' }, quit] }, edit, view];
  }
  return [{ label: ja ? 'ファイル' : 'File', submenu: [quit] }, edit, view];
}
