import { useState, type ReactNode } from 'react';
import type { UserMessage } from '../../../api/index.js';
import { FinalTryDialog, type FinalTryWhat } from './final-try-dialog.js';

export interface FinalTryQuestion<T> {
  /** What was just sent, kept only while the question is open. */
  kept: T | undefined;
  /** Keep it (the core refused on the final try) or drop it (any other answer). */
  keep(value: T | undefined): void;
  /**
   * The dialog while something is kept: Continue hands it to `retry`, Cancel drops it
   * (then `onCancel`); `message`, the refusal's catalogue words, for the administrator PIN.
   */
  question(retry: (value: T) => void, onCancel?: () => void, message?: UserMessage): ReactNode;
}

/**
 * The PIN(s) a screen just sent, kept while the user is asked whether to use the last
 * try, and dropped on either answer: the one place the screens hold a PIN after sending it.
 */
export function useFinalTryQuestion<T>(what: FinalTryWhat): FinalTryQuestion<T> {
  const [kept, keep] = useState<T | undefined>();
  const question = (retry: (value: T) => void, onCancel?: () => void, message?: UserMessage): ReactNode =>
    kept === undefined ? null : (
      <FinalTryDialog
        what={what}
        message={message}
        onContinue={() => {
          const value = kept;
          keep(undefined);
          retry(value);
        }}
        onCancel={() => {
          keep(undefined);
          onCancel?.();
        }}
      />
    );
  return { kept, keep, question };
}
