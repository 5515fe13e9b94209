import { clipText } from '../../../shared/text/clip';

/**
 * How any engine's message is shown: the first paragraph is what a user reads first, the rest is
 * detail. Engine-neutral, so features read engine errors without knowing which engine raised them.
 */
export function headline(message: string): string {
  const end = message.indexOf('\n\n');
  return clipText(end >= 0 ? message.slice(0, end) : message, maxHeadlineChars);
}

/** A message's details as shown: long enough for any real message, short of a quoted file. */
export function detailText(message: string): string {
  return clipText(message, maxDetailChars);
}

const maxHeadlineChars = 400;
const maxDetailChars = 10_000;
