import assert from 'node:assert/strict';
import { member, nestingDepth, parseJsonTree, stringValue } from '../../../src/webviewUi/liveTail/jsonTree';

const LIMITS = { maxDepth: 10, maxNodes: 1000 };

describe('live tail page: JSON tree (detail pane, columns)', () => {
  it('keeps every scalar as written (no parse: 1e999, big integers, escapes stay)', () => {
    const tree = parseJsonTree('{"a": 1e999, "b": 12345678901234567890123, "c": "caf\\u00e9", "d": [true, null, -0.0], "e": {}}', LIMITS);
    assert.deepEqual(tree, {
      kind: 'object',
      entries: [
        { key: '"a"', value: { kind: 'number', raw: '1e999' } },
        { key: '"b"', value: { kind: 'number', raw: '12345678901234567890123' } },
        { key: '"c"', value: { kind: 'string', raw: '"caf\\u00e9"' } },
        {
          key: '"d"',
          value: {
            kind: 'array',
            items: [
              { kind: 'boolean', raw: 'true' },
              { kind: 'null', raw: 'null' },
              { kind: 'number', raw: '-0.0' },
            ],
          },
        },
        { key: '"e"', value: { kind: 'object', entries: [] } },
      ],
    });
    assert.equal(stringValue('"caf\\u00e9"'), 'café');
    assert.equal(member(tree, 'c')?.kind, 'string');
  });

  it('is not fooled by text that is not one JSON value', () => {
    for (const text of [
      '',
      '{',
      '{"a" 1}',
      '{"a": tru}',
      '[1,]',
      '{"a": 1} 2',
      '"unterminated',
      '{a: 1}',
      '[01]',
      'NaN',
      '{"a": "\u0001"}',
    ])
      assert.equal(parseJsonTree(text, LIMITS), undefined, text);
  });

  it('keeps containers beyond the depth limit as their text, and gives up beyond the node limit', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const tree = parseJsonTree(`{"a": ${deep}}`, { maxDepth: 3, maxNodes: 100 });
    assert.deepEqual(tree, {
      kind: 'object',
      entries: [{ key: '"a"', value: { kind: 'array', items: [{ kind: 'array', items: [{ kind: 'raw', raw: deep.slice(2, -2) }] }] } }],
    });
    assert.equal(parseJsonTree(`[${'1,'.repeat(200)}1]`, { maxDepth: 3, maxNodes: 100 }), undefined);
    assert.equal(parseJsonTree('{"a": [[[[1]]}', { maxDepth: 2, maxNodes: 100 }), undefined, 'an unclosed container is not JSON');
  });

  it('finds a member by its decoded key (the last of repeated keys, as JSON.parse does)', () => {
    const tree = parseJsonTree('{"A\\u0042": 1, "x": 2, "x": 3}', LIMITS);
    assert.deepEqual(member(tree, 'AB'), { kind: 'number', raw: '1' });
    assert.deepEqual(member(tree, 'x'), { kind: 'number', raw: '3' });
    assert.equal(member(tree, 'missing'), undefined);
    assert.equal(member({ kind: 'array', items: [] }, 'x'), undefined);
  });

  it('measures nesting without counting brackets inside strings, stopping at a cap', () => {
    assert.equal(nestingDepth('{"a": [1, {"b": "[[[{{{"}]}'), 3);
    assert.equal(nestingDepth('1'), 0);
    assert.equal(nestingDepth('['.repeat(100_000), 65), 65);
  });
});
