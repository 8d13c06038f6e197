/** What one diagnosis run has found so far: each check's result, the verdicts, the notices. */
import { messageFor, phraseFor, type Localized, type UserMessage } from '../messages/index.js';
import { TokenError } from '../pkcs11/index.js';
import type { Check, CheckId } from './checks.js';
import { VERDICT_CODES, type Verdict } from './verdict.js';

export class CheckRecord {
  readonly checks = new Map<CheckId, Check>();
  readonly notices: UserMessage[] = [];

  /** What the checks concluded; a check recorded again (the PIN state after a login) replaces its verdict. */
  get verdicts(): Verdict[] {
    return [...this.checks.values()].flatMap((check) => (check.verdict ? [check.verdict] : []));
  }

  record(id: CheckId, result: Check['result'], detail: Localized, problem?: { verdict?: Verdict; message?: UserMessage }): void {
    const check: Check = { id, result, detail };
    if (problem?.verdict) check.verdict = problem.verdict;
    const message = problem?.message ?? (problem?.verdict ? messageFor(VERDICT_CODES[problem.verdict]) : undefined);
    if (message) check.message = message;
    this.checks.set(id, check);
  }

  /** A TokenError from the device mid-run: pulled out, or broken. */
  deviceFailure(id: CheckId, error: unknown): void {
    const removed = wasRemoved(error);
    const raw = error instanceof TokenError && error.ckrName ? `${error.fn ?? ''} ${error.ckrName}`.trim() : undefined;
    const detail = phraseFor(removed ? 'tokenRemovedDuringCheck' : 'tokenNotResponding', raw ? { raw } : {});
    this.record(id, 'failed', detail, { verdict: removed ? 'removed' : 'damaged' });
  }

  failed(id: CheckId): boolean {
    return this.checks.get(id)?.result === 'failed';
  }
}

/** The device's failures that mean it was pulled out rather than broken. */
export function wasRemoved(error: unknown): boolean {
  return error instanceof TokenError && ['tokenRemoved', 'tokenAbsent', 'sessionClosed', 'tokenNotFound'].includes(error.code);
}
