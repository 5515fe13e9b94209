import { describe, expect, it } from 'vitest';
import { prettyNested, prettyValue } from '../../../shared/values/prettyValue';

describe('prettyValue (the value viewer)', () => {
  it('keeps a short nested value on one line', () => {
    expect(prettyValue("{'x': 1, 'y': [2, 3]}", 'STRUCT(x INTEGER, y INTEGER[])')).toEqual({ text: "{'x': 1, 'y': [2, 3]}", layout: 'nested' });
  });

  it('breaks a long STRUCT over lines by its brackets, and leaves quoted text alone', () => {
    const text = "{'name': 'a, [b] {c}', 'tags': [first, second, 'it\\'s'], 'scores': {math=12, physics=17, chemistry=9, biology=15}}";
    expect(prettyValue(text, 'STRUCT(name VARCHAR, tags VARCHAR[], scores MAP(VARCHAR, INTEGER))').text).toBe(
      [
        '{',
        "  'name': 'a, [b] {c}',",
        "  'tags': [first, second, 'it\\'s'],",
        "  'scores': {math=12, physics=17, chemistry=9, biology=15}",
        '}',
      ].join('\n'),
    );
  });

  it('lays out long lists and MAPs', () => {
    const list = `[${Array.from({ length: 30 }, (_, i) => i).join(', ')}]`;
    expect(prettyValue(list, 'INTEGER[]').text.split('\n')).toHaveLength(32);
    expect(prettyValue(list, 'INTEGER[30]').layout).toBe('nested');
    expect(prettyNested('{}')).toBe('{}');
    expect(prettyNested('[]')).toBe('[]');
  });

  it('indents JSON, typed JSON or text holding an object or array', () => {
    expect(prettyValue('{"a":[1,2],"b":{"c":null}}', 'JSON')).toEqual({ text: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": null\n  }\n}', layout: 'json' });
    expect(prettyValue('[{"a":1}]', 'VARCHAR').layout).toBe('json');
    expect(prettyValue('"just a string"', 'JSON').layout).toBe('plain');
  });

  it('shows anything else, or unbalanced text, as it is', () => {
    expect(prettyValue('a long text, with [brackets', 'VARCHAR')).toEqual({ text: 'a long text, with [brackets', layout: 'plain' });
    expect(prettyValue("[1, 2", 'INTEGER[]')).toEqual({ text: '[1, 2', layout: 'plain' });
    expect(prettyValue("['unclosed]", 'VARCHAR[]').layout).toBe('plain');
    expect(prettyValue("[1, 2]]", 'INTEGER[]').layout).toBe('plain');
  });
});
