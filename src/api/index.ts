/**
 * The TokenDeskApi contract (docs/architecture.md "Layers"): the channel map, its zod
 * schemas and the serializable views. Browser-safe: imports nothing but zod, so
 * the renderer may import it whole.
 */
export * from './channels.js';
export * from './reply.js';
export * from './tokendesk-api.js';
export * from './user-message.js';
export * from './token-view.js';
export * from './wizard-view.js';
export * from './settings-view.js';
export * from './certificate-view.js';
export * from './flow-views.js';
export * from './portal-view.js';
export * from './ws-protocol.js';
export { connectTokenDesk, type WsClientOptions, type WsTokenDeskApi } from './ws-client.js';
export * from './pin-care-views.js';
