// Loads TokenDesk's portal SDK (issue 14's device module) from this origin and turns
// its failures into the manual's words. Served as a static module: the CSP allows no inline script.
/* global document, fetch, location, sessionStorage, URLSearchParams */

/** CA manual §12.1 row 2, for when TokenDesk (or its SDK) cannot be reached at all. */
export const ROW_2 = {
  ja: 'eToken版電子証明書格納デバイス情報取得モジュールが正しくインストール出来ているか確認してください。',
  en: 'Check that the device module (TokenDesk) is installed and running.',
};

export function language() {
  return document.documentElement.lang === 'en' ? 'en' : 'ja';
}

export function say(words) {
  return words[language()];
}

/** The SDK module (the CA serves a stand-in answering row 2 when it has no build of it). */
export async function loadSdk() {
  try {
    return await import('/portal/static/tokendesk-portal.js');
  } catch {
    return undefined;
  }
}

/** Connected and allowed, or throws { text, remedy } in both languages. */
export async function openPortal(onPairingCode) {
  const sdk = await loadSdk();
  if (!sdk) throw { text: ROW_2 };
  const portal = await sdk.connect({ port: devicePort() });
  if (!portal.hello.allowed) await portal.requestAccess({ onPairingCode });
  return portal;
}

/** A port number, or undefined for anything else. */
function portOf(text) {
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

// `?port=N` names it on the page the user opened; a form post (契約番号 → 参照) drops the
// query, so the tab remembers it and the next page still asks that TokenDesk.
const askedPort = portOf(new URLSearchParams(location.search).get('port'));
if (askedPort) sessionStorage.setItem('tokendesk-device-port', String(askedPort));

/** The CA's setting (a meta tag), or `?port=N` (kept for the tab) for a TokenDesk configured on another port. */
export function devicePort() {
  const asked = askedPort ?? portOf(sessionStorage.getItem('tokendesk-device-port'));
  if (asked) return asked;
  const meta = document.querySelector('meta[name="tokendesk-device-port"]');
  return Number(meta ? meta.getAttribute('content') : 47211) || 47211;
}

export function describe(error) {
  const text = error && error.text ? say(error.text) : say({ ja: '処理できませんでした。', en: 'The step failed.' });
  const remedy = error && error.remedy ? ` ${say(error.remedy)}` : '';
  const message = error && error.message && !error.text ? ` ${error.message}` : '';
  return `${text}${remedy}${message}`;
}

export function pairingNote(code) {
  return say({ ja: `TokenDesk の画面に表示されたコード ${code} と一致することを確認し、許可してください。`, en: `Check that TokenDesk shows the code ${code}, then allow.` });
}

export async function postJson(url, body, formToken) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-TokenDesk-Form': formToken },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = await response.json();
  if (!response.ok) throw { text: json.error.message, remedy: json.error.remedy };
  return json;
}
