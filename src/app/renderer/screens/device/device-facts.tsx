import type { DeviceInfoView } from '../../../../api/index.js';
import { MessageBox } from '../../components/message-box.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useT } from '../../i18n/use-t.js';
import { deviceBadges } from './device-badges.js';

/** The device information table, in the order of the CA's デバイス情報確認 screen (seed 000 §8, §11.1). */
export function DeviceFacts({ view }: { view: DeviceInfoView }) {
  const t = useT();
  const certificate = view.certificate;
  const badges = deviceBadges(view);
  return (
    <div className="result" data-result="device-info">
      <h3>{t('deviceToken')}</h3>
      <p className="badges" aria-label={t('status')}>
        {badges.map((kind) => (
          <StatusBadge key={kind} kind={kind} />
        ))}
      </p>
      {view.certificateState === 'none' ? <p>{t('noCertificate')}</p> : null}
      <dl className="facts">
        {certificate ? (
          <>
            <dt>{t('userId')}</dt>
            <dd>{certificate.userId ?? '—'}</dd>
            <dt>{t('ownerName')}</dt>
            <dd data-field="owner-name">{certificate.holderName ?? '—'}</dd>
            <dt>{t('companyName')}</dt>
            <dd>{certificate.company ?? '—'}</dd>
            <dt>{t('email')}</dt>
            <dd>{certificate.email ?? '—'}</dd>
            <dt>{t('validFrom')}</dt>
            <dd>{certificate.notBeforeDisplay}</dd>
            <dt>{t('validUntil')}</dt>
            <dd>{certificate.notAfterDisplay}</dd>
            <dt>{t('certificateSerial')}</dt>
            <dd>{certificate.serial.display}</dd>
          </>
        ) : null}
        <dt>{t('tokenSerial')}</dt>
        <dd data-field="token-serial">{view.token.serial}</dd>
        <dt>{t('tokenModel')}</dt>
        <dd>{view.token.model}</dd>
        <dt>{t('damage')}</dt>
        <dd>{view.damage === 'damaged' ? t('damageFound') : t('damageNone')}</dd>
      </dl>
      {view.notices.map((notice) => (
        <MessageBox key={notice.code} message={notice} />
      ))}
    </div>
  );
}
