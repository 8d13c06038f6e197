/**
 * RFC 7030 §3.5 proof-of-possession linking: an EST client may put the TLS
 * connection's tls-unique (RFC 5929), base64, in the CSR's challengePassword, so the
 * CSR cannot be replayed over another connection. A CSR that carries one is checked
 * against the connection it came over — and refused when it does not match or the
 * connection has no tls-unique — never issued without looking.
 *
 * TLS 1.3 defines no tls-unique (RFC 8446 §C.5; RFC 9266 replaces it with
 * tls-exporter, which EST does not define for challengePassword): over TLS 1.3 a
 * CSR with a challengePassword is refused with words saying so. A CSR without one is
 * linked only by HTTP Basic (the storage PIN), as before. Behind a TLS-terminating
 * load balancer the CA sees the balancer's connection, so linked CSRs are refused there too.
 */
import { serverErrors } from './server-error.js';

/** What the connection a CSR came over says about itself. */
export interface TlsChannel {
  /** 'TLSv1.2', 'TLSv1.3', … */
  protocol: string | null;
  /** The first Finished message of the latest handshake (TLS 1.2); undefined on TLS 1.3. */
  tlsUnique: Buffer | undefined;
}

export function checkChannelBinding(challengePassword: string | undefined, channel: TlsChannel | undefined): void {
  if (challengePassword === undefined) return;
  if (!channel?.tlsUnique) {
    throw serverErrors.channelBindingRefused({
      ja: `CSRの challengePassword（tls-unique）を確認できません: この接続（${channel?.protocol ?? 'TLSなし'}）には tls-unique がありません（TLS 1.2 のみ）。`,
      en: `The CSR's challengePassword (tls-unique) cannot be checked: this connection (${channel?.protocol ?? 'no TLS'}) has no tls-unique (TLS 1.2 only).`,
    });
  }
  if (challengePassword.trim() !== channel.tlsUnique.toString('base64')) {
    throw serverErrors.channelBindingRefused({
      ja: 'CSRの challengePassword がこの接続の tls-unique と一致しません。',
      en: 'The CSR’s challengePassword does not match this connection’s tls-unique.',
    });
  }
}
