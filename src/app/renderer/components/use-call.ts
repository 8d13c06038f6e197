import { useCallback, useState } from 'react';
import type { Reply, UserMessage } from '../../../api/index.js';

export interface CallState<T> {
  running: boolean;
  value: T | undefined;
  error: UserMessage | undefined;
  run(call: () => Promise<Reply<T>>): Promise<void>;
  reset(): void;
}

/** One API call a screen makes on demand: running, its value or its catalogue message. */
export function useCall<T>(): CallState<T> {
  const [state, setState] = useState<{ running: boolean; value: T | undefined; error: UserMessage | undefined }>({
    running: false,
    value: undefined,
    error: undefined,
  });
  const run = useCallback(async (call: () => Promise<Reply<T>>) => {
    setState((now) => ({ ...now, running: true, error: undefined }));
    const reply = await call();
    setState(reply.ok ? { running: false, value: reply.value, error: undefined } : { running: false, value: undefined, error: reply.error });
  }, []);
  const reset = useCallback(() => setState({ running: false, value: undefined, error: undefined }), []);
  return { ...state, run, reset };
}
