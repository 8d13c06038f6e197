import type { DiagnosisView, UserMessage } from '../../../api/index.js';

/** The core refused a PIN try because it would be the last one: nothing was spent, the user is to be asked. */
export function refusedOnFinalTry(error: UserMessage | undefined): boolean {
  return error?.code === 'TD-PIN-FINAL-TRY';
}

/** An unlock refused because the SO login would spend the administrator PIN's last try: nothing spent, the code still valid; ask. */
export function refusedOnSoFinalTry(error: UserMessage | undefined): boolean {
  return error?.code === 'TD-UNLOCK-SO-FINAL-TRY';
}

/** Diagnosis (and so device information) left the PIN untried on the final try: ask, then run again. */
export function diagnosisAwaitsFinalTry(diagnosis: DiagnosisView): boolean {
  return diagnosis.notices.some((notice) => notice.code === 'TD-DIAG-PIN-NOT-TRIED');
}
