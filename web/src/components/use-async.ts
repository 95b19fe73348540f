/**
 * Runs an abortable request whenever its inputs change and keeps the latest answer: the previous call is
 * aborted, so a slow answer never overwrites a newer one.
 */
import { DependencyList, useEffect, useState } from 'react';
import { isAbortError } from '../api/errors';

export type AsyncState<T> =
  | { status: 'loading'; previous?: T }
  | { status: 'done'; value: T }
  | { status: 'error'; error: Error };

export function useAsync<T>(run: ((signal: AbortSignal) => Promise<T>) | undefined, deps: DependencyList): AsyncState<T> | undefined {
  const [state, setState] = useState<AsyncState<T> | undefined>(run ? { status: 'loading' } : undefined);
  useEffect(() => {
    if (!run) {
      setState(undefined);
      return undefined;
    }
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', previous: s?.status === 'done' ? s.value : undefined }));
    run(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: 'done', value }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `run` depends on
  }, deps);
  return state;
}
