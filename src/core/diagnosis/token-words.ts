/**
 * A token's model, versions and memory as a report line shows them, in one language
 * at a time: the report and `tokendesk info` had printed English words ("hardware",
 * "bytes") in the Japanese text and full-width brackets in the English one.
 */
import type { Language } from '../messages/index.js';
import type { DiagnosedToken } from './described.js';

export function modelWords(token: Pick<DiagnosedToken, 'manufacturer' | 'model' | 'hardwareVersion' | 'firmwareVersion'>, lang: Language): string {
  const name = `${token.manufacturer} ${token.model}`;
  return lang === 'ja'
    ? `${name}（ハードウェア ${token.hardwareVersion} / ファームウェア ${token.firmwareVersion}）`
    : `${name} (hardware ${token.hardwareVersion} / firmware ${token.firmwareVersion})`;
}

/** A size in bytes; undefined when the token does not say. */
export function bytesWords(bytes: number | undefined, lang: Language): string | undefined {
  if (bytes === undefined) return undefined;
  return lang === 'ja' ? `${bytes} バイト` : `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** A validity window, `YYYY/MM/DD` each end. */
export function periodWords(from: string, to: string, lang: Language): string {
  return lang === 'ja' ? `${from} ～ ${to}` : `${from} to ${to}`;
}
