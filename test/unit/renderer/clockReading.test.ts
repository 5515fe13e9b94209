import { describe, expect, it } from 'vitest';
import { askAgainInMs, clockReading } from '../../../renderer/src/features/results/clockReading';

describe('the clock shown while a statement runs', () => {
  it('counts tenths for the first two seconds, each change timed to the next tenth', () => {
    expect(clockReading(0)).toEqual({ seconds: 0, changesInMs: 100 });
    expect(clockReading(349)).toEqual({ seconds: 0.3, changesInMs: 51 });
    expect(clockReading(1_999)).toEqual({ seconds: 1.9, changesInMs: 1 });
  });

  it('then whole seconds, so a long statement is repainted once a second, not ten times', () => {
    expect(clockReading(2_000)).toEqual({ seconds: 2, changesInMs: 1_000 });
    expect(clockReading(12_345)).toEqual({ seconds: 12, changesInMs: 655 });
    expect(clockReading(3_600_500)).toEqual({ seconds: 3_600, changesInMs: 500 });
  });

  it('never shows a negative time (a start stamped a little after now)', () => {
    expect(clockReading(-5)).toEqual({ seconds: 0, changesInMs: 100 });
  });

  it('the engine is asked about the statement as often at first, then once a second', () => {
    expect(askAgainInMs(0, 250)).toBe(250);
    expect(askAgainInMs(1_999, 500)).toBe(500);
    expect(askAgainInMs(2_000, 250)).toBe(1_000);
  });
});
