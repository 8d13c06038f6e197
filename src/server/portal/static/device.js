// デバイス情報確認: TokenDesk reads the token (PIN typed in TokenDesk); the CA says what it knows of the certificate.
/* global document */
import { describe, language, openPortal, pairingNote, postJson, say } from './device-module.js';

const root = document.getElementById('device-reader');
const button = document.getElementById('device-read');
const status = document.getElementById('device-status');
const table = document.getElementById('device-table');
const put = (name, text) => (table.querySelector(`[data-field="${name}"]`).textContent = text || '—');

button.addEventListener('click', async () => {
  button.disabled = true;
  const show = (text) => (status.textContent = text);
  try {
    show(say({ ja: '読込を開始します。TokenDesk の画面でユーザーPINを入力してください。', en: 'Reading: enter the user PIN in TokenDesk.' }));
    const portal = await openPortal((code) => show(pairingNote(code)));
    const device = await portal.readDevice({ onPairingCode: (code) => show(pairingNote(code)) });
    portal.close();
    const standing = await postJson('/portal/api/standing', { certificatePem: device.certificatePem }, root.dataset.form);
    const lang = language();
    put('ownerName', device.ownerName);
    put('company', device.company);
    put('userId', device.userId);
    put('tokenSerial', device.tokenSerial);
    put('validity', `${device.validFrom}〜${device.validTo}`);
    put('certificateSerial', device.certificateSerial);
    put('health', device.healthText ? device.healthText[lang] : device.health);
    put('standing', standing.words.state[lang]);
    put('next', standing.words.next[lang]);
    table.hidden = false;
    show(say({ ja: '読込が完了しました。', en: 'Done.' }));
  } catch (error) {
    show(describe(error));
  } finally {
    button.disabled = false;
  }
});
