/**
 * The folder and file marks in file lists, drawn rather than typed: the emoji used before showed
 * as empty boxes on machines without an emoji font, which is most of the Linux laptops this app
 * is for. They follow the text's colour, so a selected row's mark stays readable.
 */
export function FileKindIcon({ kind }: { kind: 'directory' | 'file' }) {
  return (
    <svg className="file-kind-icon" data-kind={kind} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {kind === 'directory' ? (
        <path d="M1.5 3.5h4.2l1.5 1.6h7.3v8.4h-13z" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
      ) : (
        <path d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
      )}
    </svg>
  );
}
