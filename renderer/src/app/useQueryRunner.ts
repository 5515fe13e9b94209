import { useCallback, useRef, useState } from 'react';
import type { HistoryEntry } from '../../../shared/contract/hostApi';
import type { ScriptStatement } from '../../../shared/sql/statements';
import { EngineError, type Engine } from '../engine/engine';
import { headline } from '../engine/wasm/engineErrors';
import { ResultSet } from '../features/results/resultSet';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'canceled';

export interface RunState {
  status: RunStatus;
  result: ResultSet | null;
  /** Bumped as rows arrive, so the grid re-renders without copying rows. */
  version: number;
  elapsedMs: number;
  statementIndex: number;
  statementCount: number;
  error: { headline: string; detail: string } | null;
}

const idle: RunState = { status: 'idle', result: null, version: 0, elapsedMs: 0, statementIndex: 0, statementCount: 0, error: null };

/** Where an engine error points inside the script: an offset for the editor's marker. */
function errorOffset(statement: ScriptStatement, error: unknown): number | null {
  if (!(error instanceof EngineError) || error.bytePosition === null) return null;
  const bytes = new TextEncoder().encode(statement.sql).subarray(0, error.bytePosition);
  return statement.start + new TextDecoder().decode(bytes).length;
}

/** Runs statements one after another on the engine; the last statement's rows are shown. */
export function useQueryRunner(
  engine: Engine,
  hooks: {
    onFinished(entry: HistoryEntry): void;
    onError(offset: number | null, message: string): void;
    onCatalogMayHaveChanged(): void;
  },
) {
  const [state, setState] = useState<RunState>(idle);
  const canceled = useRef(false);
  const running = useRef(false);

  const run = useCallback(
    async (statements: ScriptStatement[]) => {
      if (running.current || statements.length === 0) return;
      running.current = true;
      canceled.current = false;
      const started = performance.now();
      const script = statements.map((s) => s.sql).join(';\n');
      let rowCount = 0;
      let ok = true;
      let currentIndex = 0;
      setState({ ...idle, status: 'running', statementCount: statements.length, statementIndex: 1 });
      try {
        for (const [index, statement] of statements.entries()) {
          if (canceled.current) break;
          currentIndex = index;
          const stream = await engine.run(statement.sql);
          let result: ResultSet | null = null;
          let version = 0;
          let frame = 0;
          const publish = (): void => {
            frame = 0;
            setState((current) => ({ ...current, result, version: ++version, elapsedMs: performance.now() - started }));
          };
          for await (const batch of stream) {
            result ??= new ResultSet(batch.schema, stream.columnTypes ?? undefined);
            result.append(batch);
            // Show the first rows at once, then at most once a frame while the rest streams in.
            if (version === 0) publish();
            else frame ||= requestAnimationFrame(publish);
          }
          if (frame) cancelAnimationFrame(frame);
          rowCount = result?.rowCount ?? 0;
          const isLast = index === statements.length - 1;
          setState((current) => ({
            ...current,
            status: isLast ? 'done' : 'running',
            result,
            version: version + 1,
            statementIndex: index + 1,
            elapsedMs: performance.now() - started,
          }));
        }
        if (canceled.current) setState((current) => ({ ...current, status: 'canceled' }));
      } catch (error) {
        ok = false;
        const message = error instanceof Error ? error.message : String(error);
        if (canceled.current || /cancel|interrupt/i.test(message)) {
          setState((current) => ({ ...current, status: 'canceled', elapsedMs: performance.now() - started }));
        } else {
          const failing = statements[currentIndex];
          setState((current) => ({
            ...current,
            status: 'error',
            error: { headline: headline(message), detail: message },
            elapsedMs: performance.now() - started,
          }));
          hooks.onError(failing ? errorOffset(failing, error) : null, headline(message));
        }
      } finally {
        running.current = false;
        hooks.onFinished({
          sql: script,
          at: new Date().toISOString(),
          ok,
          rowCount,
          elapsedMs: Math.round(performance.now() - started),
        });
        hooks.onCatalogMayHaveChanged();
      }
    },
    [engine, hooks],
  );

  const cancel = useCallback(async () => {
    if (!running.current) return;
    canceled.current = true;
    await engine.cancel();
  }, [engine]);

  return { state, run, cancel };
}
