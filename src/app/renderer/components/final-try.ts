import type { DiagnosisView, UserMessage } from '../../../api/index.js';

/** The core refused a PIN try because it would be the last one: nothing was spent, the user is to be asked. */
export function refusedOnFinalTry(error: UserMessage | undefined): boolean {
  return error?.code === 'TD-PIN-FINAL-TRY';
}

/**
 * Refused because the SO login would spend the administrator PIN's last try (an unlock,
 * or STEP4 setting the user PIN): nothing spent, the code or storage PIN still valid; ask.
 */
export function refusedOnSoFinalTry(error: UserMessage | undefined): boolean {
  return error?.code === 'TD-UNLOCK-SO-FINAL-TRY' || error?.code === 'TD-STORE-SO-FINAL-TRY';
}

/** STEP4 stopped before a final try, the user PIN's or the administrator PIN's: the user is to be asked. */
export function refusedOnAnyFinalTry(error: UserMessage | undefined): boolean {
  return refusedOnFinalTry(error) || refusedOnSoFinalTry(error);
}

/** Diagnosis (and so device information) left the PIN untried on the final try: ask, then run again. */
export function diagnosisAwaitsFinalTry(diagnosis: DiagnosisView): boolean {
  return diagnosis.notices.some((notice) => notice.code === 'TD-DIAG-PIN-NOT-TRIED');
}
