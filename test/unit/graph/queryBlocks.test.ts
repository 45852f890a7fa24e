// The query under the cursor and the CodeLens positions: paragraphs between blank lines.
import assert from 'node:assert/strict';
import { queryAt, queryBlocks } from '../../../src/graph/queryBlocks';

const DOC = [
  '// capacity',
  'let bytes_ = 500;',
  'union withsource=MDTables*',
  '| count',
  '',
  '   ',
  '// only a comment',
  '',
  'DeviceInfo',
  '| take 1',
];

describe('KQL query blocks', () => {
  it('finds each paragraph that holds more than comments', () => {
    assert.deepEqual(
      queryBlocks(DOC).map((b) => [b.start, b.end]),
      [
        [0, 3],
        [8, 9],
      ],
    );
    assert.equal(queryBlocks(DOC)[1].text, 'DeviceInfo\n| take 1');
    assert.equal(queryBlocks(DOC, 1).length, 1);
  });

  it('gives the paragraph around a line, nothing on a blank line or a comment-only paragraph', () => {
    assert.equal(queryAt(DOC, 2)?.text, DOC.slice(0, 4).join('\n'));
    assert.equal(queryAt(DOC, 9)?.start, 8);
    assert.equal(queryAt(DOC, 5), undefined);
    assert.equal(queryAt(DOC, 6), undefined);
    assert.equal(queryAt(DOC, 99), undefined);
  });
});
