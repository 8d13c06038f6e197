import type { DeviceInfoView } from '../../../../api/index.js';
import { Busy } from '../../components/busy.js';
import { MessageBox } from '../../components/message-box.js';
import { UserPinForm } from '../../components/user-pin-form.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { DeviceFacts } from './device-facts.js';

/** Flow B (CA manual §11.1): log in with the user PIN, then show what the token holds and its health. */
export function DeviceScreen() {
  const t = useT();
  const info = useCall<DeviceInfoView>();
  const read = (userPin: string | undefined) => void info.run(() => requireApi().readDeviceInfo(userPin ? { userPin } : {}));
  return (
    <section className="screen" aria-labelledby="device-heading">
      <h2 id="device-heading">{t('deviceTitle')}</h2>
      <UserPinForm id="device-user-pin" lead={t('deviceLead')} buttonLabel={t('nextLabel')} running={info.running} onSubmit={read} />
      {info.running ? <Busy text={t('working')} /> : null}
      {info.error ? <MessageBox message={info.error} /> : null}
      {info.value ? <DeviceFacts view={info.value} /> : null}
    </section>
  );
}
