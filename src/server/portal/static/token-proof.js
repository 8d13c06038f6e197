// 更新申請 and 失効申請 with the token: the CA's nonce → TokenDesk signs the login
// challenge (the PIN is typed in TokenDesk) → the signature is posted with the form.
/* global document */
import { describe, openPortal, pairingNote, postJson, say } from './device-module.js';

const form = document.getElementById('token-proof-form');
const start = document.getElementById('token-proof-start');
const status = document.getElementById('token-proof-status');

// Pages that show a result instead of the form load this script too.
start?.addEventListener('click', async () => {
  start.disabled = true;
  const formToken = form.elements.namedItem('_form').value;
  const show = (text) => (status.textContent = text);
  try {
    show(say({ ja: 'TokenDesk に接続しています…', en: 'Connecting to TokenDesk…' }));
    const portal = await openPortal((code) => show(pairingNote(code)));
    const { nonce } = await postJson('/portal/api/nonce', { purpose: form.dataset.purpose }, formToken);
    show(say({ ja: 'TokenDesk の画面でユーザーPINを入力してください。', en: 'Enter the user PIN in TokenDesk.' }));
    const signed = await portal.signChallenge(nonce, { onPairingCode: (code) => show(pairingNote(code)) });
    form.elements.namedItem('signedData').value = signed.signedData;
    form.elements.namedItem('signature').value = signed.signature;
    form.elements.namedItem('certificatePem').value = signed.certificatePem;
    portal.close();
    form.submit();
  } catch (error) {
    show(describe(error));
    start.disabled = false;
  }
});
