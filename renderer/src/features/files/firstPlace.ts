/**
 * The first place the file browser shows (the user's home folder in browser mode), ending with a
 * separator: where a Save as offers to keep a file when it has no folder of its own to suggest.
 */
import { useEffect, useState } from 'react';
import { hostClient } from '../../host/hostClient';

/** '' until the host has said. */
export function useFirstPlace(): string {
  const [place, setPlace] = useState('');
  useEffect(() => {
    let current = true;
    void hostClient.roots().then(
      (roots) => {
        const first = roots[0]?.path;
        if (current && first) setPlace(/[\\/]$/.test(first) ? first : `${first}${first.includes('\\') ? '\\' : '/'}`);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return place;
}
