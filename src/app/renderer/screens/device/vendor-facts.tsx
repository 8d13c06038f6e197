import type { DiagnosedTokenView } from '../../../../api/index.js';
import { useT } from '../../i18n/use-t.js';

/**
 * The vendor's own facts about the device (SafeNet's ETCKH_TOKEN_OBJECT), as rows of
 * the facts list: what the token says, or 不明 where it says nothing — never a guess.
 */
export function VendorFacts({ token }: { token: DiagnosedTokenView }) {
  const t = useT();
  const device = token.device ?? {};
  const known = (value: string | undefined) => value ?? t('unknownValue');
  const rows: Array<[string, string, string]> = [
    ['product', t('deviceProduct'), known(device.productName)],
    ['vendor-model', t('deviceVendorModel'), known(device.model)],
    ['firmware', t('deviceFirmware'), known(device.firmwareRevision)],
    ['production-date', t('deviceProductionDate'), known(device.productionDate)],
    ['fips', t('deviceFips'), device.fips === undefined ? t('unknownValue') : device.fips ? t('yesValue') : t('noValue')],
    ['key-area', t('deviceKeyArea'), device.rsaKeyArea === undefined ? t('unknownValue') : `${device.rsaKeyArea} bytes`],
  ];
  return (
    <>
      {rows.map(([field, label, value]) => (
        <div key={field} className="fact-row">
          <dt>{label}</dt>
          <dd data-field={field}>{value}</dd>
        </div>
      ))}
    </>
  );
}
