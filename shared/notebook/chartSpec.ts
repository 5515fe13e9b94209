/**
 * A chart's spec is hostile input (a notebook comes from anywhere): before anything parses it
 * deeply or gives it to Vega, it is checked here. Too large or too deeply nested text is refused
 * before `JSON.parse` sees it; a spec that refers to anything outside the notebook (a data `url`,
 * an image, a link) is refused, so drawing a chart never loads a file or an address; and a chart
 * must draw one of the notebook's named results, `"data": {"name": "…"}`.
 */

/** Limits on a chart's spec: generous for anything written by hand or by the chart builder. */
export const chartSpecLimits = {
  /** Characters of the spec's text. */
  maxChars: 100_000,
  /** Nesting of objects and arrays. */
  maxDepth: 32,
} as const;

export type ChartSpecProblem =
  | { key: 'chart.invalidSpec'; params: { message: string } }
  | { key: 'chart.specTooLarge'; params: { max: number } }
  | { key: 'chart.specTooDeep'; params: { max: number } }
  | { key: 'chart.notAnObject'; params: Record<string, never> }
  | { key: 'chart.remoteReference'; params: { path: string } }
  | { key: 'chart.noDataName'; params: Record<string, never> };

export type ReadChartSpec = { spec: Record<string, unknown>; dataName: string } | { problem: ChartSpecProblem };

/**
 * Keys whose value makes Vega load something (data or images by `url`, links by `href`, a base
 * for relative addresses). None is needed to draw a named result, so any of them refuses the spec.
 */
const loadingKeys = new Set(['url', 'href', 'baseurl']);

export function readChartSpec(text: string): ReadChartSpec {
  if (text.length > chartSpecLimits.maxChars) return { problem: { key: 'chart.specTooLarge', params: { max: chartSpecLimits.maxChars } } };
  if (nestingDepth(text) > chartSpecLimits.maxDepth) return { problem: { key: 'chart.specTooDeep', params: { max: chartSpecLimits.maxDepth } } };
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    return { problem: { key: 'chart.invalidSpec', params: { message: error instanceof Error ? error.message : String(error) } } };
  }
  if (!isObject(spec)) return { problem: { key: 'chart.notAnObject', params: {} } };
  const remote = loadingReference(spec, '');
  if (remote !== null) return { problem: { key: 'chart.remoteReference', params: { path: remote } } };
  const data = spec.data;
  if (!isObject(data) || typeof data.name !== 'string' || data.name === '') return { problem: { key: 'chart.noDataName', params: {} } };
  return { spec, dataName: data.name };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The deepest nesting of `{` and `[` outside strings, read from the text (JSON.parse would recurse). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}

/** The path of the first key that would make Vega load something, or null. */
function loadingReference(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = loadingReference(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isObject(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (loadingKeys.has(key.toLowerCase())) return here;
    const found = loadingReference(child, here);
    if (found !== null) return found;
  }
  return null;
}
