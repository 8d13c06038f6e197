import { useEffect } from 'react';
import type { PortalGrant } from '../../../../api/index.js';
import { MessageBox } from '../../components/message-box.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { usePortal } from '../../store/portal-store.js';

/** The web pages allowed to use the token through the device module, with expiry and last use; each revocable at once. */
export function PortalGrants() {
  const t = useT();
  const listed = useCall<PortalGrant[]>();
  const revoked = useCall<PortalGrant[]>();
  // A prompt answered elsewhere on the page may have added a grant: list again when the prompts change.
  const prompts = usePortal((state) => state.prompts);
  useEffect(() => {
    void listed.run(() => requireApi().listPortalGrants({}));
  }, [listed.run, prompts]);
  const grants = revoked.value ?? listed.value ?? [];
  const day = (epoch: number | undefined) => (epoch === undefined ? '—' : new Date(epoch).toLocaleString());
  return (
    <section aria-labelledby="portal-grants-heading" className="portal-grants">
      <h3 id="portal-grants-heading">{t('portalGrantsTitle')}</h3>
      {grants.length === 0 ? (
        <p className="hint">{t('portalGrantsNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('portalOrigin')}</th>
              <th scope="col">{t('portalGrantKind')}</th>
              <th scope="col">{t('portalGrantExpires')}</th>
              <th scope="col">{t('portalGrantLastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('portalRevoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants.map((grant) => (
              <tr key={grant.origin} data-origin={grant.origin}>
                <td>
                  <code>{grant.origin}</code>
                  {grant.preListed ? ` (${t('portalPreListedShort')})` : null}
                </td>
                <td>{t(grant.kind === 'always' ? 'portalAllowAlways' : 'portalAllowOnce')}</td>
                <td>{day(grant.expiresAt)}</td>
                <td>{day(grant.lastUsedAt)}</td>
                <td>
                  <button type="button" className="secondary" aria-label={`${t('portalRevoke')}: ${grant.origin}`} onClick={() => void revoked.run(() => requireApi().revokePortalGrant({ origin: grant.origin }))}>
                    {t('portalRevoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {listed.error && listed.error.code !== 'TD-PORTAL-NOT-RUNNING' ? <MessageBox message={listed.error} /> : null}
      {revoked.error ? <MessageBox message={revoked.error} /> : null}
    </section>
  );
}
