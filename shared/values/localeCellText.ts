/**
 * The grid's optional "numbers and dates in my language" display. The grid shows DuckDB's exact
 * text by default; with the option on, a number or a date is shown as the locale writes it
 * (`12 345,5` and `29 févr. 2024` in French). Only the display changes: copies, the tooltip and
 * exports keep DuckDB's text, so nothing a user copies is rounded or reformatted.
 *
 * Nothing is rounded here either. Numbers go to Intl as DuckDB's decimal string (Intl formats
 * strings exactly, beyond a double's precision); a value it cannot take (`inf`, `nan`, more
 * fraction digits than Intl shows) keeps DuckDB's text. Dates and timestamps are shown when Intl
 * can show them whole (no time zone, at most milliseconds); intervals, times with an offset and
 * dates before year 1 keep DuckDB's text.
 */
import type { FormattedCell } from './cellFormat';

/** Intl shows at most this many fraction digits in every engine we run on (Node 20's V8 included). */
const maxFractionDigits = 20;

interface LocaleFormatters {
  number: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  timestamp: Intl.DateTimeFormat[];
}

const cache = new Map<string, LocaleFormatters>();
function formattersFor(intlLocale: string): LocaleFormatters {
  let made = cache.get(intlLocale);
  if (!made) {
    const dateParts = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } as const;
    const timeParts = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
    made = {
      number: new Intl.NumberFormat(intlLocale, { maximumFractionDigits: maxFractionDigits }),
      date: new Intl.DateTimeFormat(intlLocale, dateParts),
      // One per count of millisecond digits shown (0 to 3), so `.5` stays `.5` and `.500` `.500`.
      timestamp: ([undefined, 1, 2, 3] as const).map(
        (digits) => new Intl.DateTimeFormat(intlLocale, { ...dateParts, ...timeParts, ...(digits ? { fractionalSecondDigits: digits } : {}) }),
      ),
    };
    cache.set(intlLocale, made);
  }
  return made;
}

const decimalText = /^-?\d+(\.(\d+))?(e[+-]?\d+)?$/i;
const dateTimeText = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/;

function localeNumber(text: string, formatters: LocaleFormatters): string {
  const match = decimalText.exec(text);
  if (!match || (match[2]?.length ?? 0) > maxFractionDigits || match[3]) {
    // An exponent moves the decimal point: fine for Intl, unless it makes more digits than it shows.
    if (!match || !match[3] || !Number.isFinite(Number(text)) || Math.abs(Number(text)) < 10 ** -maxFractionDigits) return text;
  }
  const shown = formatters.number.format(text as unknown as number);
  return shown.includes('NaN') ? text : shown;
}

function localeDateTime(text: string, formatters: LocaleFormatters): string {
  const match = dateTimeText.exec(text);
  if (!match) return text;
  const [, year, month, day, hour, minute, second, fraction] = match;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  if (hour === undefined) return formatters.date.format(date);
  date.setUTCHours(Number(hour), Number(minute), Number(second), Number((fraction ?? '').padEnd(3, '0')));
  return formatters.timestamp[fraction?.length ?? 0]!.format(date);
}

/** The cell's text as shown with the locale option on (`intlLocale` as Intl takes it). */
export function localeCellText(cell: FormattedCell, intlLocale: string): string {
  if (cell.kind === 'number') return localeNumber(cell.text, formattersFor(intlLocale));
  if (cell.kind === 'temporal') return localeDateTime(cell.text, formattersFor(intlLocale));
  return cell.text;
}
