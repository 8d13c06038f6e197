import { useState, type FormEvent } from 'react';
import type { DeviceInfoView } from '../../../../api/index.js';
import { Busy } from '../../components/busy.js';
import { MessageBox } from '../../components/message-box.js';
import { PinField } from '../../components/pin-field.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { DeviceFacts } from './device-facts.js';

/** Flow B (seed 000 §11.1): log in with the user PIN, then show what the token holds and its health. */
export function DeviceScreen() {
  const t = useT();
  const [pin, setPin] = useState('');
  const info = useCall<DeviceInfoView>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const userPin = pin;
    setPin('');
    void info.run(() => requireApi().readDeviceInfo(userPin ? { userPin } : {}));
  };
  return (
    <section className="screen" aria-labelledby="device-heading">
      <h2 id="device-heading">{t('deviceTitle')}</h2>
      <form onSubmit={submit} className="inline-form">
        <p className="lead">{t('deviceLead')}</p>
        <PinField id="device-user-pin" label={t('step4Field')} value={pin} onChange={setPin} />
        <div className="actions">
          <button type="submit" className="primary" disabled={info.running}>
            {t('nextLabel')}
          </button>
        </div>
      </form>
      {info.running ? <Busy text={t('working')} /> : null}
      {info.error ? <MessageBox message={info.error} /> : null}
      {info.value ? <DeviceFacts view={info.value} /> : null}
    </section>
  );
}
