// Test code — a recording STAND-IN for the `electron` module, not Electron. It gives
// the main process the few Electron objects it uses, reports every call to the test
// over the fork IPC channel ({ type: 'record', … }), and lets the test act as
// Electron and the user would ({ cmd: … } messages): fetch a page through the
// registered app protocol, invoke an IPC handler, click the tray menu, close the
// window, quit. It decides nothing for main; it only lets the test see what main does.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { setImmediate } from 'node:timers';

const send = (message) => process.send?.(message);
const record = (call, detail = {}) => send({ type: 'record', call, ...detail });

function preventable() {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

let appHandler;
const ipcHandlers = new Map();
const windows = [];
/** Trays alive (main makes one). */
const trays = [];

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.mainFrame = { url: '' };
    this.destroyed = false;
  }
  send(channel) {
    record('webContents.send', { channel });
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler() {
    record('webContents.setWindowOpenHandler');
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.visible = false;
    this.destroyed = false;
    windows.push(this);
    record('new BrowserWindow', { options, preloadExists: existsSync(options?.webPreferences?.preload ?? '') });
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  async loadURL(url) {
    record('BrowserWindow.loadURL', { url });
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {
    this.visible = true;
    record('BrowserWindow.show');
  }
  hide() {
    this.visible = false;
    record('BrowserWindow.hide');
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  /** As Electron: 'close' may be prevented; otherwise the window goes, then 'closed'. */
  close() {
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    windows.splice(windows.indexOf(this), 1);
    this.emit('closed');
    return true;
  }
}

class App extends EventEmitter {
  constructor() {
    super();
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.quitting = false;
  }
  enableSandbox() {
    record('app.enableSandbox');
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return true;
  }
  whenReady() {
    return this.ready;
  }
  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', { settings });
  }
  exit(code = 0) {
    record('app.exit', { code });
    process.exitCode = code;
    process.disconnect?.();
  }
  /** As Electron: before-quit, every window closes, will-quit (may be prevented: main calls quit again), quit. */
  quit() {
    record('app.quit');
    const before = preventable();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const window of [...windows]) if (!window.close()) return;
    const will = preventable();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit');
    record('quit');
    // From here only what main left open keeps this process alive: the test expects it to end.
    process.disconnect?.();
  }
}
export const app = new App();

export const ipcMain = {
  handle(channel, listener) {
    ipcHandlers.set(channel, listener);
    record('ipcMain.handle', { channel });
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
    record('ipcMain.removeHandler', { channel });
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', { schemes });
  },
  handle(scheme, handler) {
    appHandler = handler;
    record('protocol.handle', { scheme });
  },
};

const webRequest = {
  onHeadersReceived() {
    record('webRequest.onHeadersReceived');
  },
  onBeforeRequest(filter) {
    record('webRequest.onBeforeRequest', { filter });
  },
};
export const session = {
  defaultSession: {
    webRequest,
    setPermissionRequestHandler() {
      record('session.setPermissionRequestHandler');
    },
    setPermissionCheckHandler() {
      record('session.setPermissionCheckHandler');
    },
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', { labels: menu.template.map((item) => item.label) });
  },
};

export const nativeImage = {
  createFromPath(path) {
    record('nativeImage.createFromPath', { path, exists: existsSync(path) });
    return { path };
  },
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    trays.push(this);
    record('new Tray', { image: image.path });
  }
  setImage(image) {
    record('Tray.setImage', { image: image.path });
  }
  setToolTip(tooltip) {
    record('Tray.setToolTip', { tooltip });
  }
  setContextMenu(menu) {
    this.menu = menu.template;
    record('Tray.setContextMenu', { items: menu.template.map((item) => ({ label: item.label, type: item.type, enabled: item.enabled })) });
  }
  destroy() {
    trays.splice(trays.indexOf(this), 1);
    record('Tray.destroy');
  }
}

const commands = {
  async fetch({ url }) {
    const response = await appHandler(new globalThis.Request(url));
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body.toString('utf8'), length: body.length };
  },
  async invoke({ channel, request, trusted }) {
    const handler = ipcHandlers.get(channel);
    if (!handler) return { missing: true };
    const senderFrame = trusted ? windows[0]?.webContents.mainFrame : { url: 'https://elsewhere.example/' };
    return { reply: await handler({ senderFrame }, request) };
  },
  trayClick({ label }) {
    const item = trays[0]?.menu.find((entry) => entry.label === label);
    if (!item?.click) return { clicked: false };
    item.click();
    return { clicked: true };
  },
  closeWindow() {
    const window = windows[0];
    if (!window) return { closed: false };
    const closed = window.close();
    if (closed && windows.length === 0 && !app.quitting) app.emit('window-all-closed', preventable());
    return { closed, visible: window.visible };
  },
  quit() {
    setImmediate(() => app.quit());
    return {};
  },
};

process.on('message', (message) => {
  const command = commands[message?.cmd];
  if (!command) return;
  Promise.resolve(command(message)).then(
    (result) => send({ type: 'reply', id: message.id, ...result }),
    (error) => send({ type: 'reply', id: message.id, error: String(error) }),
  );
});

// Electron is ready once the main script's first turn has run.
setImmediate(() => {
  app.emit('ready');
  app.markReady();
});
