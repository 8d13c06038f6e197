/** HTTP Basic credentials (RFC 7617): EST's user = application number, password = storage PIN. */
export interface BasicCredentials {
  user: string;
  password: string;
}

export const WWW_AUTHENTICATE = 'Basic realm="tokendesk-ca", charset="UTF-8"';

export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
