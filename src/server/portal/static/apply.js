// 再発行申請: the typed token serial must be the plugged-in token's (CA manual §12.1 row 10).
// Without TokenDesk the form goes as it is; the CA checks the serial when the certificate is stored.
/* global document */
import { describe, devicePort, loadSdk, say } from './device-module.js';

const ROW_10 = {
  ja: '入力されたUSBトークンシリアルナンバーとPCに装着されているUSBトークンのシリアルナンバーは一致していません。USBトークンシリアルナンバーを再度確認してください。',
  en: 'The token serial you entered differs from the token plugged into this PC. Check the serial number again.',
};

const form = document.getElementById('apply-form');
if (form) {
  const status = document.getElementById('serial-check');
  let checked = false;
  form.addEventListener('submit', async (event) => {
    if (checked) return;
    const typed = [...form.querySelectorAll('input[name^="tokenSerial"]')].map((i) => i.value.trim().toUpperCase()).filter((v) => v !== '');
    if (typed.length === 0) return;
    event.preventDefault();
    const sdk = await loadSdk();
    try {
      if (sdk) {
        const portal = await sdk.connect({ port: devicePort() });
        if (portal.hello.allowed) {
          const plugged = (await portal.listTokens()).map((t) => t.serial.toUpperCase());
          portal.close();
          if (typed.some((serial) => !plugged.includes(serial))) {
            status.textContent = say(ROW_10);
            return;
          }
        }
      }
    } catch (error) {
      status.textContent = describe(error);
    }
    checked = true;
    form.requestSubmit();
  });
}
