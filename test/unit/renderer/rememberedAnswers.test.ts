import { describe, expect, it } from 'vitest';
import { remembered } from '../../../renderer/src/features/notebook/rememberedAnswers';

describe('answers a notebook keeps', () => {
  it('asks once for the same key, and again for another', async () => {
    const asked: string[] = [];
    const answer = remembered(async (key: string) => (asked.push(key), key.length));
    expect(await answer('SELECT 1')).toBe(8);
    expect(await answer('SELECT 1')).toBe(8);
    expect(await answer('SELECT 22')).toBe(9);
    expect(asked).toEqual(['SELECT 1', 'SELECT 22']);
  });

  it('asks again after a failure (the host did not answer), and keeps the answer that came', async () => {
    let calls = 0;
    const answer = remembered(async () => {
      calls++;
      if (calls === 1) throw new Error('host did not answer');
      return 'ok';
    });
    await expect(answer('k')).rejects.toThrow('host did not answer');
    expect(await answer('k')).toBe('ok');
    expect(await answer('k')).toBe('ok');
    expect(calls).toBe(2);
  });

  it('forgets the least recently used past its limit', async () => {
    const asked: string[] = [];
    const answer = remembered(async (key: string) => asked.push(key), 2);
    await answer('a');
    await answer('b');
    await answer('a'); // a is now the most recent
    await answer('c'); // b goes
    await answer('a');
    await answer('b');
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
  });
});
