import { describe, expect, it } from 'vitest';
import { duckdbTypeTree } from '../../../shared/sql/duckdbTypeTree';

const leaf = (name: string) => ({ kind: 'leaf', name });

describe('duckdbTypeTree', () => {
  it('reads leaves whole, parameters and words included', () => {
    expect(duckdbTypeTree('BOOLEAN')).toEqual(leaf('BOOLEAN'));
    expect(duckdbTypeTree('DECIMAL(18,3)')).toEqual(leaf('DECIMAL(18,3)'));
    expect(duckdbTypeTree('TIMESTAMP WITH TIME ZONE')).toEqual(leaf('TIMESTAMP WITH TIME ZONE'));
    expect(duckdbTypeTree("ENUM('a, b', 'it''s', '[x]')")).toEqual(leaf("ENUM('a, b', 'it''s', '[x]')"));
  });

  it('reads lists, arrays, structs, unions and maps at any depth', () => {
    expect(duckdbTypeTree('BOOLEAN[][3]')).toEqual({ kind: 'array', size: 3, element: { kind: 'list', element: leaf('BOOLEAN') } });
    expect(duckdbTypeTree('MAP(VARCHAR, STRUCT(a BOOLEAN, "b c" DECIMAL(4,1)[]))')).toEqual({
      kind: 'map',
      key: leaf('VARCHAR'),
      value: { kind: 'struct', fields: [{ name: 'a', type: leaf('BOOLEAN') }, { name: 'b c', type: { kind: 'list', element: leaf('DECIMAL(4,1)') } }] },
    });
    expect(duckdbTypeTree('UNION(b BOOLEAN, "x""y" MAP(INTEGER, BOOLEAN))')).toEqual({
      kind: 'union',
      members: [{ name: 'b', type: leaf('BOOLEAN') }, { name: 'x"y', type: { kind: 'map', key: leaf('INTEGER'), value: leaf('BOOLEAN') } }],
    });
  });

  it('refuses what is not a type name', () => {
    for (const text of ['', 'MAP(VARCHAR)', 'STRUCT(a BOOLEAN', 'INTEGER[', "ENUM('a)", 'INTEGER) x']) expect(() => duckdbTypeTree(text)).toThrow();
  });
});
