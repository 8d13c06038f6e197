/** TokenDeskApi over WebSocket on 127.0.0.1, with the renderer, for browsers (and the e2e tests). */
export { startBridge, type BridgeOptions, type RunningBridge } from './bridge-server.js';
export { createOriginGuard, type OriginGuard } from './origin-guard.js';
