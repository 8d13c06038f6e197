/**
 * Which web origins may talk to the device module at all. A browser sets Origin
 * and a page cannot change it; a page on plain http from the network could be
 * anyone on the way (a café's Wi-Fi), so its word about who it is means nothing
 * and a user's "allow" for it would protect nothing. So: https origins, and
 * http only on this machine's loopback names (development, a local test portal).
 * An origin is compared exactly, as the browser serialises it.
 */
/** Letters, digits, dots and hyphens (IDNs arrive as punycode), or an IPv6 literal: no `*` or other pattern. */
const HOST_NAME = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

export function isServableOrigin(origin: string | undefined): origin is string {
  if (origin === undefined || origin.length > 256) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin || !HOST_NAME.test(url.hostname)) return false; // a path, a trailing slash, user info, 'null', a pattern
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
}

/** Why a policy file entry cannot be used, or undefined when it can: https only, exactly an origin. */
export function policyEntryProblem(entry: unknown): { ja: string; en: string } | undefined {
  if (typeof entry !== 'string') return { ja: '文字列ではありません', en: 'not a string' };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { ja: 'URLとして読めません', en: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ja: 'https:// ではありません', en: 'not https://' };
  if (!HOST_NAME.test(url.hostname)) return { ja: 'ホスト名ではありません（* などのパターンは使えません）', en: 'not a URL host name (no patterns such as *)' };
  if (url.origin !== entry) return { ja: 'パスや末尾の / などが付いています（接続元だけを記載）', en: 'carries a path, a trailing slash or more (list the origin only)' };
  return undefined;
}
