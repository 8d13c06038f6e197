import { entry, type MessageEntry } from '../message-entry.js';

/** Reaching the CA over HTTPS: the network, TLS trust and the clocks (Nagasaki card-update manual: the server's time decides). */
export const NETWORK_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-NET-REFUSED',
    'error',
    ['認証局に接続できませんでした（接続を拒否されました）。', 'Could not connect to the CA (connection refused).'],
    ['認証局のサーバーが停止しているか、接続先のアドレスが誤っています。', 'The CA server is down, or the address is wrong.'],
    ['時間をおいてからもう一度お試しください。続く場合は接続先（--ca）を確認してください。', 'Try again later; if it persists, check the CA address (--ca).'],
  ),
  entry(
    'TD-NET-TIMEOUT',
    'error',
    ['認証局からの応答がありません（タイムアウト）。', 'The CA did not answer in time.'],
    ['ネットワークが混み合っているか、プロキシやファイアウォールが通信を止めています。', 'The network is slow, or a proxy or firewall is blocking the connection.'],
    ['時間をおいてからもう一度お試しください。社内ネットワークの場合はシステム管理者にご確認ください。', 'Try again later. On a company network, ask your system administrator.'],
  ),
  entry(
    'TD-NET-DNS',
    'error',
    ['認証局のサーバー名が見つかりません。', 'The CA server name could not be found.'],
    ['インターネットに接続されていないか、接続先のアドレスが誤っています。', 'The PC is not connected to the internet, or the address is wrong.'],
    ['インターネット接続と接続先（--ca）を確認してください。', 'Check the internet connection and the CA address (--ca).'],
  ),
  entry(
    'TD-NET-RESET',
    'error',
    ['認証局との通信が途中で切れました。', 'The connection to the CA was cut.'],
    ['ネットワークが不安定か、途中の機器が接続を切りました。', 'The network is unstable, or a device on the way closed the connection.'],
    ['もう一度お試しください。格納の途中だった場合も、再実行すれば続きから完了します。', 'Try again. An interrupted storage resumes where it stopped.'],
  ),
  entry(
    'TD-NET-UNREACHABLE',
    'error',
    ['ネットワークに接続されていません。', 'The network cannot be reached.'],
    ['PCがネットワークに接続されていません。', 'The PC is not connected to a network.'],
    ['ネットワーク接続を確認してからもう一度お試しください。', 'Check the network connection and try again.'],
  ),
  entry(
    'TD-TLS-UNTRUSTED',
    'error',
    ['認証局のサーバー証明書を確認できません。', 'The CA\'s server certificate cannot be trusted.'],
    ['サーバー証明書が設定された認証局の証明書（--ca-trust）で検証できません。接続先が偽物の可能性もあります。', 'The server certificate does not verify against the configured CA certificate (--ca-trust). The server may not be genuine.'],
    ['接続を中止しました。接続先（--ca）と認証局の証明書（--ca-trust）が正しいか確認し、不明な場合は認証局運用管理者にお問い合わせください。', 'The connection was stopped. Check the CA address and --ca-trust; if unsure, contact the CA operator.'],
  ),
  entry(
    'TD-TLS-HOSTNAME',
    'error',
    ['接続先の名前がサーバー証明書と一致しません。', 'The server name does not match its certificate.'],
    ['接続先のアドレスが、サーバー証明書に記載された名前と異なります。', 'The address used differs from the names in the server certificate.'],
    ['認証局が案内しているURLをそのまま使ってください（IPアドレスや別名ではなく）。', 'Use the exact URL the CA publishes (not an IP address or alias).'],
  ),
  entry(
    'TD-TLS-CERT-EXPIRED',
    'error',
    ['認証局のサーバー証明書の有効期限が切れているか、PCの時計が進んでいます。', 'The CA\'s server certificate has expired, or the PC clock is ahead.'],
    ['サーバー証明書の有効期間の判定はPCの時計で行われます。', 'Whether the server certificate is valid is judged by the PC clock.'],
    ['PCの日付と時刻を確認してください。正しい場合は認証局運用管理者にお問い合わせください。', 'Check the PC date and time. If they are right, contact the CA operator.'],
  ),
  entry(
    'TD-TLS-CERT-NOT-YET-VALID',
    'error',
    ['認証局のサーバー証明書がまだ有効ではありません。PCの時計が遅れている可能性があります。', 'The CA\'s server certificate is not valid yet; the PC clock may be behind.'],
    ['サーバー証明書の有効期間の判定はPCの時計で行われます。', 'Whether the server certificate is valid is judged by the PC clock.'],
    ['PCの日付と時刻を確認してください。', 'Check the PC date and time.'],
  ),
  entry(
    'TD-TLS-PIN-MISMATCH',
    'error',
    ['認証局のサーバー証明書が、設定で固定した証明書と異なります。', 'The CA\'s server certificate differs from the pinned one.'],
    ['サーバー証明書が更新されたか、接続先が偽物の可能性があります。', 'The server certificate was renewed, or the server is not genuine.'],
    ['接続を中止しました。認証局運用管理者に新しい証明書の情報を確認してください。', 'The connection was stopped. Ask the CA operator for the new certificate details.'],
  ),
  entry(
    'TD-TLS-HANDSHAKE',
    'error',
    ['認証局と安全な通信（TLS）を確立できませんでした。', 'A secure (TLS) connection to the CA could not be established.'],
    ['接続先がHTTPSに対応していないか、プロキシが通信を書き換えています。', 'The address does not speak HTTPS, or a proxy interferes.'],
    ['接続先のURLが https:// で始まっているか確認し、社内ネットワークの場合はシステム管理者にご確認ください。', 'Check that the URL starts with https://; on a company network, ask your system administrator.'],
  ),
  entry(
    'TD-CLOCK-SKEW',
    'warning',
    ['PCの時計が認証局のサーバーの時刻と{minutes}分ずれています。', 'The PC clock differs from the CA server\'s time by {minutes} minutes.'],
    [
      '有効期限の判定にはPCの時刻ではなくサーバーの時刻が使われます。PCの時計がずれていると、表示と判定が食い違います。',
      'Validity is judged by the server\'s time, not the PC\'s; a wrong PC clock makes what you see differ from what the server decides.',
    ],
    ['PCの日付と時刻を正しく設定してください（Windows: 設定 → 時刻と言語 → 今すぐ同期）。', 'Set the PC date and time correctly (Windows: Settings → Time & language → Sync now).'],
    '003',
  ),
];
