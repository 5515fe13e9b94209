/**
 * Every catalog against English: each message parses as ICU MessageFormat and takes exactly the
 * parameters English's does (a translation that drops `{file}` or invents `{fichier}` fails).
 * A missing key is already a compile error (the `Messages` type).
 */
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs, intlLocaleOf, locales, type MessageKey } from '../../../shared/i18n/translate';

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** The names of a message's arguments, plural and select ones included, nested ones too. */
function argumentsOf(nodes: readonly AstNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    // 0 is literal text and 7 the plural's `#`; every other element names an argument.
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
    if (node.children) argumentsOf(node.children, into);
  }
  return into;
}

function parse(message: string, locale: string): AstNode[] {
  return new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as AstNode[];
}

const keys = Object.keys(catalogs.en) as MessageKey[];

describe.each(locales)('the %s catalog', (locale) => {
  it('has every key of English and no other', () => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual([...keys].sort());
  });

  it('parses, with the same arguments as English', () => {
    const problems: string[] = [];
    for (const key of keys) {
      try {
        const ours = [...argumentsOf(parse(catalogs[locale][key], intlLocaleOf[locale]))].sort();
        const english = [...argumentsOf(parse(catalogs.en[key], 'en'))].sort();
        if (ours.join() !== english.join()) problems.push(`${key}: {${ours.join(', ')}} but English has {${english.join(', ')}}`);
      } catch (error) {
        problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes ’, never an ASCII apostrophe (ICU would read it as a quote)', () => {
    expect(keys.filter((key) => catalogs[locale][key].includes("'"))).toEqual([]);
  });
});

describe('the check itself', () => {
  it('sees a dropped argument and a syntax error', () => {
    expect([...argumentsOf(parse('{count, plural, one {# row} other {# rows}} in {file}', 'en'))].sort()).toEqual(['count', 'file']);
    expect(() => parse('{count, plural, one {# row}', 'en')).toThrow();
  });
});
