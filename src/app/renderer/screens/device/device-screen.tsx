import type { DeviceInfoView } from '../../../../api/index.js';
import { Busy } from '../../components/busy.js';
import { diagnosisAwaitsFinalTry } from '../../components/final-try.js';
import { useFinalTryQuestion } from '../../components/final-try-question.js';
import { MessageBox } from '../../components/message-box.js';
import { UserPinForm } from '../../components/user-pin-form.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { DeviceFacts } from './device-facts.js';
import { PinChangeForm } from './pin-change-form.js';

/**
 * Flow B (CA manual §11.1): log in with the user PIN, then show what the token holds and
 * its health; and change the user PIN (Flow F). A PIN on its final try is used only after
 * the user confirms.
 */
export function DeviceScreen() {
  const t = useT();
  const info = useCall<DeviceInfoView>();
  const finalTry = useFinalTryQuestion<string>('token');
  const read = (userPin: string | undefined, confirmFinalTry = false) =>
    void info.run(async () => {
      const reply = await requireApi().readDeviceInfo(userPin ? { userPin, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) } : {});
      finalTry.keep(reply.ok && userPin && !confirmFinalTry && diagnosisAwaitsFinalTry(reply.value.diagnosis) ? userPin : undefined);
      return reply;
    });
  const token = info.value?.info?.token ?? info.value?.diagnosis.token;
  return (
    <section className="screen" aria-labelledby="device-heading">
      <h2 id="device-heading">{t('deviceTitle')}</h2>
      <UserPinForm id="device-user-pin" lead={t('deviceLead')} buttonLabel={t('nextLabel')} running={info.running} onSubmit={read} />
      {finalTry.question((pin) => read(pin, true))}
      {info.running ? <Busy text={t('working')} /> : null}
      {info.error ? <MessageBox message={info.error} /> : null}
      {info.value ? <DeviceFacts view={info.value} /> : null}
      <PinChangeForm {...(token ? { serial: token.serial } : {})} />
    </section>
  );
}
