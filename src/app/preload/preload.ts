/**
 * The preload: exposes TokenDeskApi as window.tokendesk through contextBridge
 * and nothing else. Bundled to one CommonJS file (npm run build:preload), as a
 * sandboxed preload cannot load modules of its own.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './api-factory.js';

contextBridge.exposeInMainWorld('tokendesk', createPreloadApi(ipcRenderer));
