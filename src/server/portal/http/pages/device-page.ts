/**
 * デバイス情報確認 (CA manual §11): the page's script reads the plugged-in token through
 * TokenDesk (readDevice: the user PIN is typed in TokenDesk, never here) and shows the
 * certificate's details beside what the CA knows of it (POST /portal/api/standing).
 */
import type { FastifyInstance } from 'fastify';
import { html } from '../html.js';
import { pageRequest, sendPage, type PortalDeps } from '../page-kit.js';

const TITLE = { ja: 'デバイス情報確認', en: 'Device information' };

export function registerDevicePage(app: FastifyInstance, deps: PortalDeps): void {
  app.get('/device', async (request, reply) => {
    const r = pageRequest(deps, request, reply);
    const { lang } = r;
    const rows: [string, { ja: string; en: string }][] = [
      ['ownerName', { ja: '所有者名義', en: 'Owner' }],
      ['company', { ja: '会社名', en: 'Company' }],
      ['userId', { ja: 'ユーザーID', en: 'User ID' }],
      ['tokenSerial', { ja: 'USBトークンシリアルナンバー', en: 'Token serial' }],
      ['validity', { ja: '有効期間', en: 'Validity' }],
      ['certificateSerial', { ja: '証明書シリアル番号', en: 'Certificate serial' }],
      ['health', { ja: 'USBトークンの状態', en: 'Token health' }],
      ['standing', { ja: '認証局での状態', en: 'Status at the CA' }],
      ['next', { ja: '次に行うこと', en: 'What to do next' }],
    ];
    return sendPage(reply, {
      lang,
      title: TITLE,
      path: '/portal/device',
      scripts: ['device.js'],
      body: html`<p>
          ${lang === 'ja' ? 'USBトークンをパソコンのUSBポートに挿してから「読込」をクリックしてください。ユーザーPINは TokenDesk の画面で入力します。' : 'Plug in the token, then click Read. You type the user PIN in TokenDesk.'}
        </p>
        <div id="device-reader" data-form="${r.token}" data-lang="${lang}">
          <p><button type="button" id="device-read">${lang === 'ja' ? '読込' : 'Read'}</button></p>
          <p id="device-status" role="status" aria-live="polite"></p>
          <table id="device-table" hidden>
            <caption>
              ${lang === 'ja' ? '電子証明書の情報' : 'Certificate information'}
            </caption>
            <tbody>
              ${rows.map(
                ([key, words]) =>
                  html`<tr>
                    <th scope="row">${words[lang]}</th>
                    <td data-field="${key}"></td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
    });
  });
}
