/** The portal API's fixed names, shared by the server and the browser SDK (which must bundle nothing else). */
export const PORTAL_PROTOCOL = 'tokendesk-portal/1';

/** The device module's port unless configured otherwise (the host's option, `tokendesk agent --port`). */
export const DEFAULT_PORTAL_PORT = 47211;
