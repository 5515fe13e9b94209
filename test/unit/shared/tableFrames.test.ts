import { describe, expect, it } from 'vitest';
import { frameHead, jsonFrame, partsByteLength, readTableFrames, TableFrameError, type TableFrame } from '../../../shared/contract/tableFrames';

/** A body as the host writes it: header, batches (each in the pieces the encoder wrote, not joined), end. */
function body(batches: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [jsonFrame({ kind: 'header', header: { columns: [{ name: 'a', type: 'INTEGER' }], rowCount: 42, uncarried: [] } })];
  batches.forEach((batch, i) => {
    const third = Math.ceil(batch.byteLength / 3);
    const pieces = [batch.subarray(0, third), batch.subarray(third, 2 * third), batch.subarray(2 * third)];
    parts.push(frameHead('batch', partsByteLength(pieces), 10 + i), ...pieces);
  });
  parts.push(jsonFrame({ kind: 'end', rows: 42 }));
  const bytes = new Uint8Array(partsByteLength(parts));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** The body cut into chunks of `sizes` bytes (in turn), each chunk in a buffer of its own, as a fetch body gives them. */
async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.slice(at, at + size);
    at += size;
  }
}

const batches = [
  Uint8Array.from({ length: 1000 }, (_, i) => i % 251),
  Uint8Array.from({ length: 3 }, (_, i) => 200 + i),
  Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256),
];

describe('reading the frames of a streamed table', () => {
  for (const sizes of [[1], [5, 9], [9], [10], [64, 1, 3], [4096], [65_536], [1_000_000]]) {
    it(`reads every frame whole, each batch in a buffer of its own (chunks of ${sizes.join(', ')} bytes)`, async () => {
      const kinds: string[] = [];
      const read: number[][] = [];
      for await (const frame of readTableFrames(chunked(body(batches), sizes))) {
        kinds.push(frame.kind);
        if (frame.kind !== 'batch') continue;
        expect(frame.rows).toBe(10 + read.length);
        read.push([...frame.bytes]);
        // As the page does: the batch goes to the engine's worker, its buffer detached here. Were it
        // shared with bytes still to be read, reading on would fail.
        structuredClone(frame.bytes, { transfer: [frame.bytes.buffer as ArrayBuffer] });
      }
      expect(kinds).toEqual(['header', 'batch', 'batch', 'batch', 'end']);
      expect(read).toEqual(batches.map((batch) => [...batch]));
    });
  }

  it('reads the header and end frames', async () => {
    const frames: TableFrame[] = [];
    for await (const frame of readTableFrames(chunked(body(batches), [777]))) frames.push(frame);
    expect(frames.map((frame) => frame.kind)).toEqual(['header', 'batch', 'batch', 'batch', 'end']);
    const read = frames.flatMap((frame) => (frame.kind === 'batch' ? [[...frame.bytes]] : []));
    expect(read).toEqual(batches.map((batch) => [...batch]));
    expect(frames[0]).toEqual({ kind: 'header', header: { columns: [{ name: 'a', type: 'INTEGER' }], rowCount: 42, uncarried: [] } });
    expect(frames[4]).toEqual({ kind: 'end', rows: 42 });
  });

  it('refuses a body cut inside a frame, and a frame of an unknown kind', async () => {
    const whole = body(batches);
    const read = async (bytes: Uint8Array): Promise<void> => {
      for await (const frame of readTableFrames(chunked(bytes, [100]))) void frame;
    };
    await expect(read(whole.subarray(0, whole.length - 3))).rejects.toThrow(TableFrameError);
    await expect(read(whole.subarray(0, 1500))).rejects.toThrow('the body ends inside a frame');
    const unknown = whole.slice();
    unknown[4] = 9;
    await expect(read(unknown)).rejects.toThrow('unknown frame kind 9');
  });
});
