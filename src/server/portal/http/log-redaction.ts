/**
 * The request log names method, URL and client. A revocation confirmation link carries
 * its one-time secret in the path; the log keeps the path without it.
 */
const CONFIRM_LINK = /^(\/portal\/revoke\/confirm\/)[^/?#]+/;

export function redactPortalUrl(url: string): string {
  return url.replace(CONFIRM_LINK, '$1…');
}
