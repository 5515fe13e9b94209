const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A byte count as people read it in their language (1.5 GB, 1,5 Go, 1,5 غ.ب), with Intl's own
 * unit names, so no unit is written in English in a French or Arabic sentence. `locale` is an
 * Intl locale tag (see intlLocaleOf in shared/i18n/translate.ts).
 */
export function formatByteSize(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    // "830 bytes" reads better than "830 byte"; the larger units are known by their symbols.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
