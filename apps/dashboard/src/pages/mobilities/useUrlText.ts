import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';

/**
 * A text filter typed into an input but kept in the URL: the input shows a draft, the URL gets it
 * after `wait` ms of quiet; when the URL changes from elsewhere (back, a saved filter) the draft
 * follows.
 */
export function useUrlText(
  value: string | undefined,
  commit: (value: string) => void,
  wait = 300,
): [string, (value: string) => void] {
  const [draft, setDraft] = useState(value ?? '');
  const [debounced] = useDebouncedValue(draft, wait);
  const committed = useRef(value ?? '');

  useEffect(() => {
    const current = value ?? '';
    if (current !== committed.current) {
      committed.current = current;
      setDraft(current);
    }
  }, [value]);

  useEffect(() => {
    if (debounced !== committed.current && debounced === draft) {
      committed.current = debounced;
      commit(debounced);
    }
  }, [debounced, draft, commit]);

  return [draft, setDraft];
}
