import { entry, type MessageEntry } from '../message-entry.js';

/** The app's own messages: settings that stop the wizard, and refusals at the API boundary (src/api). */
export const APP_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-CLI-USAGE',
    'error',
    ['コマンドの指定に誤りがあります（{detail}）。', 'The command line is not valid ({detail}).'],
    ['存在しないコマンドやオプションが指定されたか、オプションの値がありません。', 'A command or option that does not exist was given, or an option lacks its value.'],
    ['tokendesk --help で使い方を確認してください（コマンドごとの説明は tokendesk コマンド名 --help）。', 'See tokendesk --help for the usage (and tokendesk COMMAND --help for each command).'],
  ),
  entry(
    'TD-CLI-PIN-NEEDED',
    'error',
    ['PINが入力されていません（{what}）。', 'No PIN was given ({what}).'],
    ['端末（キーボード）から実行されておらず、標準入力にもPINがありませんでした。', 'The command was not run at a terminal, and standard input held no PIN.'],
    [
      '端末から実行してPINを入力するか、--pins-from-stdin を付けてPINを1行ずつ標準入力から渡してください。PINをコマンドの引数に書かないでください。',
      'Run it at a terminal and type the PIN, or add --pins-from-stdin and give the PINs one per line on standard input. Never put a PIN in the command\'s arguments.',
    ],
  ),
  entry(
    'TD-CA-NOT-CONFIGURED',
    'error',
    ['認証局の接続先が設定されていません。', 'No CA is configured.'],
    ['設定画面で認証局のURLが指定されていません。', 'The settings do not name the CA URL.'],
    [
      '設定画面で認証局のURL（https://…）と信頼する証明書を指定してください（コマンドでは --ca と --ca-trust、または環境変数 TOKENDESK_CA_URL と TOKENDESK_CA_TRUST）。',
      'Open Settings and enter the CA URL (https://…) and the certificate to trust (on the command line: --ca and --ca-trust, or the environment variables TOKENDESK_CA_URL and TOKENDESK_CA_TRUST).',
    ],
  ),
  entry(
    'TD-CA-URL-INVALID',
    'error',
    ['認証局のURL「{url}」は使えません。', 'The CA URL "{url}" cannot be used.'],
    ['URLの形式が正しくないか、https:// で始まっていません。TokenDesk は認証局と暗号化された通信（HTTPS）でのみやり取りします。', 'It is not a well-formed URL, or it does not start with https://: TokenDesk talks to a CA over HTTPS only.'],
    [
      '認証局のURLを https://ca.example.jp:8443 のような形で指定し直してください（設定画面の認証局URL、コマンドでは --ca）。',
      'Enter the CA URL again in the form https://ca.example.jp:8443 (the CA URL in Settings; on the command line, --ca).',
    ],
  ),
  entry(
    'TD-CA-TRUST-UNREADABLE',
    'error',
    ['認証局の証明書ファイルを読み込めません。', 'The CA certificate file cannot be read.'],
    ['指定された証明書ファイル（{path}）が存在しないか、読み取れないか、PEM形式の証明書を含んでいません。', 'The certificate file given ({path}) is missing, unreadable, or holds no PEM certificate.'],
    [
      '認証局から受け取った正しいPEMファイルを設定画面で指定してください（コマンドでは --ca-trust、または環境変数 TOKENDESK_CA_TRUST）。',
      'Choose the right PEM file, the one the CA gave you, in Settings (on the command line: --ca-trust or the environment variable TOKENDESK_CA_TRUST).',
    ],
  ),
  entry(
    'TD-API-BAD-REQUEST',
    'error',
    ['TokenDesk が要求を受け付けませんでした。', 'TokenDesk refused the request.'],
    ['画面から届いた要求の形式が正しくありません（{detail}）。', 'A request from the screen was not well formed ({detail}).'],
    ['画面を再読み込みしてやり直してください。繰り返す場合はヘルプデスクへご連絡ください。', 'Reload the screen and try again; if it happens again, contact the helpdesk.'],
  ),
  entry(
    'TD-API-REPLY-INVALID',
    'error',
    ['TokenDesk の内部エラーです。', 'TokenDesk had an internal error.'],
    ['TokenDesk の応答が想定した形式ではありませんでした。', 'TokenDesk produced an answer of an unexpected form.'],
    ['やり直してください。繰り返す場合はヘルプデスクへこの画面の内容をお知らせください。', 'Try again; if it happens again, tell the helpdesk what this screen shows.'],
  ),
  entry(
    'TD-BRIDGE-UNREACHABLE',
    'error',
    ['TokenDesk との接続が切れました。', 'The connection to TokenDesk was lost.'],
    ['TokenDesk のブリッジが停止したか、応答が不正です。', 'The TokenDesk bridge stopped or answered something unexpected.'],
    ['TokenDesk を起動し直し、このページを再読み込みしてください。', 'Start TokenDesk again and reload this page.'],
  ),
  entry(
    'TD-FEATURE-UNAVAILABLE',
    'info',
    ['この機能はまだ利用できません。', 'This feature is not available yet.'],
    ['このバージョンの TokenDesk にはまだ含まれていません。', 'This version of TokenDesk does not include it yet.'],
    ['TokenDesk を更新してください。', 'Update TokenDesk.'],
  ),
];
