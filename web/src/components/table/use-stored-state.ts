/** Text remembered in localStorage; storage failures (private mode, quota) only lose the memory. */
import { useCallback, useState } from 'react';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The stored text (null when none) and a setter; null removes the entry. */
export function useStoredText(key: string): [string | null, (value: string | null) => void] {
  const [value, setValue] = useState<string | null>(() => read(key));
  const update = useCallback(
    (next: string | null) => {
      setValue(next);
      try {
        if (next === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, next);
      } catch {
        // Remembering is a convenience; the choice still applies to this page.
      }
    },
    [key],
  );
  return [value, update];
}
