/** Text cut to `max` characters with an ellipsis: engine messages can quote megabytes of a bad file. */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
