/**
 * What the native engine's settings may be: one definition for the host's schema
 * (shared/contract/hostApi.ts) and the settings dialog, which says which rule a value breaks.
 */
export const nativeSettingsLimits = {
  /** Below this DuckDB spends its time spilling; the dialog shows it in GB. */
  memoryMinMib: 256,
  /** Seven digits of MiB, as the schema's pattern allows (about 9,765 GB). */
  memoryMaxMib: 9_999_999,
  threadsMin: 1,
  threadsMax: 1024,
} as const;

/** Why a value typed in the settings dialog is refused, as a message key and its parameters; null when it is accepted. */
export type NativeSettingsProblem =
  | { key: 'settings.memoryInvalid'; params: { min: number; max: number } }
  | { key: 'settings.threadsInvalid'; params: { min: number; max: number } };

/** Memory in GB as typed (a decimal): the dialog's unit. */
export function memoryProblem(memoryGbText: string): NativeSettingsProblem | null {
  const gb = Number(memoryGbText);
  const mib = Math.round(gb * 1024);
  const { memoryMinMib, memoryMaxMib } = nativeSettingsLimits;
  if (memoryGbText.trim() === '' || !Number.isFinite(gb) || mib < memoryMinMib || mib > memoryMaxMib) {
    return { key: 'settings.memoryInvalid', params: { min: memoryMinMib / 1024, max: Math.floor(memoryMaxMib / 1024) } };
  }
  return null;
}

export function threadsProblem(threadsText: string): NativeSettingsProblem | null {
  const threads = Number(threadsText);
  const { threadsMin, threadsMax } = nativeSettingsLimits;
  if (threadsText.trim() === '' || !Number.isInteger(threads) || threads < threadsMin || threads > threadsMax) {
    return { key: 'settings.threadsInvalid', params: { min: threadsMin, max: threadsMax } };
  }
  return null;
}
