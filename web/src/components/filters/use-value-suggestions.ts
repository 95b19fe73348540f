/**
 * Autocomplete from `/api/values`: asked once the user pauses typing (debounced), and the request for a
 * previous prefix is aborted, so only the latest prefix's answer is shown.
 */
import { useEffect, useState } from 'react';
import { isAbortError } from '../../api/errors';
import { useBackendApi } from '../use-backend-api';

/** Long enough to skip intermediate keystrokes, short enough to feel immediate. */
export const suggestionsDebounceMs = 120;

export function useValueSuggestions(target: string | undefined, prefix: string): string[] {
  const api = useBackendApi();
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    if (!target) {
      setValues([]);
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.getValues(target, prefix, controller.signal).then(
        (found) => !controller.signal.aborted && setValues(found),
        // Suggestions are a help, not the task: a failure leaves the list empty, typing still works.
        (e: unknown) => !controller.signal.aborted && !isAbortError(e) && setValues([]),
      );
    }, suggestionsDebounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, target, prefix]);
  return values;
}
