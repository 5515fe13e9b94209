/**
 * Markdown as the page shows it, in a notebook's cell, an exercise's prompt or a hint: one place, so
 * each reads in its own language and direction. A course's text is in the course's language, which
 * may not be the app's: French stays left to right in the Arabic interface, and Arabic right to left
 * in the French one (`dir="auto"`: the direction of the text's first strong letter).
 */
import { useMemo } from 'react';
import { markdownToHtml } from '../../../../shared/notebook/markdownHtml';

export interface MarkdownBodyProps {
  markdown: string;
  /** The text's language (a BCP 47 tag), when known; otherwise the page's. */
  language?: string | null | undefined;
  /** Classes besides `notebook-markdown-body`. */
  className?: string;
}

export function MarkdownBody({ markdown, language, className }: MarkdownBodyProps) {
  const html = useMemo(() => markdownToHtml(markdown), [markdown]);
  return (
    // The HTML is sanitized by markdownToHtml (no raw HTML, scripts, handlers or remote loads).
    <div className={className ? `${className} notebook-markdown-body` : 'notebook-markdown-body'} lang={language ?? undefined} dir="auto" dangerouslySetInnerHTML={{ __html: html }} />
  );
}
