/**
 * apache-arrow 17 gives MONTH_DAY_NANO intervals a stride of 3 words (`strideForType` returns
 * 1 + unit) though each value takes 4 (months, days, and 64-bit nanoseconds). Its IPC writer
 * copies `length × stride` words, so a written file loses the last value's high nanosecond word
 * (and more with each row): `3 years 6 months 9 days 12:15:20.367` came back as `… 00:00:02.462`.
 * Readers take the whole buffer, so only writing needs this. Set right here, on every such column
 * at any depth, before a batch is written.
 */
import { IntervalUnit, Type, type Data, type Interval, type RecordBatch } from 'apache-arrow';

const monthDayNanoWords = 4;

function fixStride(data: Data): void {
  if (data.typeId === Type.Interval && (data.type as Interval).unit === IntervalUnit.MONTH_DAY_NANO) {
    (data as { stride: number }).stride = monthDayNanoWords;
  }
  for (const child of data.children) fixStride(child);
  if (data.dictionary) for (const chunk of data.dictionary.data) fixStride(chunk);
}

/** The batch, its MONTH_DAY_NANO intervals given their true stride so that a writer copies them whole. */
export function batchForWriting(batch: RecordBatch): RecordBatch {
  fixStride(batch.data);
  return batch;
}
