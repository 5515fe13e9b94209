import { describe, expect, it } from 'vitest';
import { JsonNestingScan, maxJsonNesting } from '../../../shared/formats/jsonNesting';

const bytes = (text: string) => new TextEncoder().encode(text);

function deepest(text: string, chunkSize = 7): { deepest: number; within: boolean } {
  const scan = new JsonNestingScan();
  const all = bytes(text);
  let within = true;
  for (let i = 0; i < all.length && within; i += chunkSize) within = scan.feed(all.subarray(i, i + chunkSize));
  return { deepest: scan.deepest, within };
}

describe('JSON nesting scan', () => {
  it('counts arrays and objects, not brackets inside strings, escapes included, across chunk boundaries', () => {
    expect(deepest('[{"a": [1, {"b": []}]}]')).toEqual({ deepest: 5, within: true });
    expect(deepest('{"a": "[[[[{{{{", "b": "\\"[[[", "c": "\\\\"}')).toEqual({ deepest: 1, within: true });
    expect(deepest('{"x":1}\n{"y":[[2]]}\n', 1)).toEqual({ deepest: 3, within: true });
    expect(deepest('["é€😀", ["ü"]]')).toEqual({ deepest: 2, within: true });
  });

  it('accepts the limit and stops one level past it', () => {
    const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(deepest(nest(maxJsonNesting)).within).toBe(true);
    expect(deepest(nest(maxJsonNesting + 1))).toEqual({ deepest: maxJsonNesting + 1, within: false });
  });
});
