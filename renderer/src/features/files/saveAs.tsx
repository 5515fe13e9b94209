/**
 * The parts every Save as form shares (a SQL file, a notebook, a file the page makes): the path,
 * typed in full, and a file already there replaced only when the user, told so, saves again.
 */
import { useState } from 'react';
import { HostRequestError } from '../../host/hostClient';

/** A destination that is there, said in the form's own words (the host says `save.exists`). */
export class DestinationExistsError extends Error {
  override name = 'DestinationExistsError';
}

export interface SaveAsForm {
  destination: string;
  busy: boolean;
  /** Why the last try did not save; after "already exists", saving again replaces the file. */
  error: string | null;
  /** The user typed another path: a file there is replaced only once they have been told. */
  change(path: string): void;
  /** Offers a path while none is typed yet (one found after the form opened). */
  offer(path: string): void;
  save(): Promise<void>;
}

/** `write` saves to the path, replacing a file there only when `overwrite` is true. */
export function useSaveAs(initial: string, write: (path: string, overwrite: boolean) => Promise<void>): SaveAsForm {
  const [destination, setDestination] = useState(initial);
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    destination,
    busy,
    error,
    change: (path) => {
      setDestination(path);
      setOverwrite(false);
    },
    offer: (path) => setDestination((current) => (current === '' ? path : current)),
    save: async () => {
      setBusy(true);
      setError(null);
      try {
        await write(destination.trim(), overwrite);
      } catch (failure) {
        // The file is there: saving again (the user read this) replaces it.
        if (failure instanceof DestinationExistsError || (failure instanceof HostRequestError && failure.code === 'save.exists')) setOverwrite(true);
        setError(failure instanceof Error ? failure.message : String(failure));
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The path a Save as writes to: left to right in every language, as a path reads, and focused when its form opens. */
export function SavePathField({ label, form }: { label: string; form: SaveAsForm }) {
  return (
    <label>
      {label}
      <input type="text" dir="ltr" spellCheck={false} autoComplete="off" value={form.destination} required autoFocus onChange={(event) => form.change(event.target.value)} />
    </label>
  );
}

/** The form's error, announced. */
export function SaveAsError({ form }: { form: SaveAsForm }) {
  return form.error ? (
    <p className="error-text" role="alert">
      {form.error}
    </p>
  ) : null;
}
