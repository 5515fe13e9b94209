/**
 * How the time shown while a statement runs moves on: tenths of a second at first, whole seconds
 * after `tenthsForMs`; the engine is asked how far it has got as often. A long statement is one the
 * engine needs every core for: a clock repainted ten times a second took about a tenth of a core
 * from it on a two-core machine, and asking the native engine for its progress and spill four
 * times a second took more. Tenths matter to a statement of a second or two; past that, the
 * page's processes used 0.8 CPU-seconds less over the spill case's statement with whole seconds
 * from 2 s than from 10 s (docs/performance.md, "The spill case").
 */
const tenthsForMs = 2_000;

/** What the clock shows after `elapsedMs`, in seconds, and how long until that changes. */
export function clockReading(elapsedMs: number): { seconds: number; changesInMs: number } {
  const elapsed = Math.max(0, elapsedMs);
  const step = elapsed < tenthsForMs ? 100 : 1_000;
  const steps = Math.floor(elapsed / step);
  // Tenths as a count of tenths, so 0.3 is not 0.30000000000000004.
  return { seconds: step === 100 ? steps / 10 : steps, changesInMs: step - (elapsed % step) };
}

/** How long to wait before asking the engine again about a statement running for `elapsedMs`: `firstMs` at first, then once a second. */
export function askAgainInMs(elapsedMs: number, firstMs: number): number {
  return elapsedMs < tenthsForMs ? firstMs : 1_000;
}
