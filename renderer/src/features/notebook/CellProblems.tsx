/**
 * What stops a cell, under it: the file's problems (a bad name, a cycle, an unsafe chart spec),
 * then the last run's error unless it says the same. Alerts, so a screen reader hears them as
 * they appear. One component for SQL and chart cells.
 */
export function CellProblems({ problems, errorText }: { problems: readonly string[]; errorText: string | null }) {
  return (
    <>
      {problems.map((problem) => (
        <p key={problem} className="error-text notebook-problem" role="alert">
          {problem}
        </p>
      ))}
      {errorText && !problems.includes(errorText) ? (
        <p className="error-text notebook-error" role="alert">
          {errorText}
        </p>
      ) : null}
    </>
  );
}
