import type { DeviceInfoView } from '../../../../api/index.js';
import { MessageBox } from '../../components/message-box.js';
import { CopyableText } from '../../components/copyable-text.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useT } from '../../i18n/use-t.js';
import { deviceBadges, isDamaged } from './device-badges.js';
import { VendorFacts } from './vendor-facts.js';

/**
 * The device information table, in the order of the CA's デバイス情報確認 screen
 * (CA manual §8, §11.1). Without a login (locked, wrong PIN, no certificate …) the
 * table shows what the token itself says, under the reason in the catalogue's words.
 */
export function DeviceFacts({ view }: { view: DeviceInfoView }) {
  const t = useT();
  const { info, diagnosis } = view;
  const token = info?.token ?? diagnosis.token;
  const badges = deviceBadges(view);
  const notices = info?.notices ?? diagnosis.notices;
  return (
    <div className="result" data-result="device-info">
      <h3>{t('deviceToken')}</h3>
      <p className="badges" aria-label={t('status')}>
        {badges.map((kind) => (
          <StatusBadge key={kind} kind={kind} />
        ))}
      </p>
      {info ? null : <MessageBox message={diagnosis.message} />}
      {diagnosis.verdict === 'empty' ? <p>{t('noCertificate')}</p> : null}
      <dl className="facts">
        {info ? (
          <>
            <dt>{t('userId')}</dt>
            <dd>{info.userId ?? '—'}</dd>
            <dt>{t('ownerName')}</dt>
            <dd data-field="owner-name">{info.ownerName ?? '—'}</dd>
            <dt>{t('companyName')}</dt>
            <dd>{info.company ?? '—'}</dd>
            <dt>{t('email')}</dt>
            <dd>{info.email ?? '—'}</dd>
            <dt>{t('validFrom')}</dt>
            <dd>{info.validFrom}</dd>
            <dt>{t('validUntil')}</dt>
            <dd>{info.validTo}</dd>
            <dt>{t('certificateSerial')}</dt>
            <dd data-field="certificate-serial">
              <CopyableText text={info.certificateSerial} label={t('certificateSerial')} />
            </dd>
          </>
        ) : null}
        {token ? (
          <>
            <dt>{t('tokenSerial')}</dt>
            <dd data-field="token-serial">{token.serial}</dd>
            <dt>{t('tokenModel')}</dt>
            <dd>{token.model}</dd>
            <VendorFacts token={token} />
          </>
        ) : null}
        <dt>{t('damage')}</dt>
        <dd>{isDamaged(view) ? t('damageFound') : t('damageNone')}</dd>
      </dl>
      {notices.map((notice) => (
        <MessageBox key={notice.code} message={notice} />
      ))}
    </div>
  );
}
