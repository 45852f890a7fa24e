import assert from 'node:assert/strict';
import { intOption, parseArgs } from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/types';

const SPEC = { hub: 'value', rate: 'value', json: 'flag', follow: 'flag' } as const;

describe('cli/args', () => {
  describe('parseArgs', () => {
    it('reads positionals, "--name value", "--name=value" and flags', () => {
      const parsed = parseArgs(['a.json', '--hub', 'h1', '--rate=50', '--json', 'b.json'], SPEC);
      assert.deepEqual(
        [...parsed.options],
        [
          ['hub', 'h1'],
          ['rate', '50'],
          ['json', true],
        ],
      );
      assert.deepEqual(parsed.positionals, ['a.json', 'b.json']);
    });

    it('returns nothing for no arguments', () => {
      const parsed = parseArgs([], SPEC);
      assert.equal(parsed.options.size, 0);
      assert.deepEqual(parsed.positionals, []);
    });

    it('keeps "=" inside a value and accepts an empty value with "="', () => {
      assert.equal(parseArgs(['--hub=a=b'], SPEC).options.get('hub'), 'a=b');
      assert.equal(parseArgs(['--hub='], SPEC).options.get('hub'), '');
    });

    it('takes a value that starts with "-" but not "--"', () => {
      assert.equal(parseArgs(['--rate', '-5'], SPEC).options.get('rate'), '-5');
    });

    it('treats everything after "--" as positionals', () => {
      const parsed = parseArgs(['--json', '--', '--hub', 'x'], SPEC);
      assert.deepEqual(parsed.positionals, ['--hub', 'x']);
      assert.equal(parsed.options.get('hub'), undefined);
    });

    it('lets a repeated option win with its last value', () => {
      assert.equal(parseArgs(['--hub', 'a', '--hub', 'b'], SPEC).options.get('hub'), 'b');
    });

    it('rejects an unknown option', () => {
      assert.throws(
        () => parseArgs(['--nope'], SPEC),
        (e: unknown) => e instanceof UsageError && e.message === 'unknown option "--nope".',
      );
      assert.throws(() => parseArgs(['--nope=1'], SPEC), { message: 'unknown option "--nope".' });
    });

    it('rejects a value given to a flag', () => {
      assert.throws(() => parseArgs(['--json=yes'], SPEC), { name: 'UsageError', message: '"--json" takes no value.' });
    });

    it('rejects an option that needs a value without one', () => {
      assert.throws(() => parseArgs(['--hub'], SPEC), { name: 'UsageError', message: '"--hub" needs a value.' });
      assert.throws(() => parseArgs(['--hub', '--json'], SPEC), { message: '"--hub" needs a value.' });
    });

    it('does not take inherited object properties as options', () => {
      assert.throws(() => parseArgs(['--toString'], SPEC), UsageError);
      assert.throws(() => parseArgs(['--constructor', 'x'], SPEC), UsageError);
    });
  });

  describe('intOption', () => {
    const args = (...argv: string[]) => parseArgs(argv, SPEC);

    it('returns the fallback when absent', () => {
      assert.equal(intOption(args(), 'rate', 7), 7);
    });

    it('reads a whole number at or above the minimum', () => {
      assert.equal(intOption(args('--rate', '0'), 'rate', 7), 0);
      assert.equal(intOption(args('--rate=250'), 'rate', 7, 1), 250);
    });

    it('rejects fractions, words, empty values, flags and numbers below the minimum', () => {
      for (const argv of [['--rate', '1.5'], ['--rate', 'ten'], ['--rate='], ['--rate', '-1']]) {
        assert.throws(
          () => intOption(args(...argv), 'rate', 7),
          { name: 'UsageError', message: '"--rate" needs a whole number of at least 0.' },
          argv.join(' '),
        );
      }
      assert.throws(() => intOption(args('--rate', '0'), 'rate', 7, 1), { message: '"--rate" needs a whole number of at least 1.' });
      assert.throws(() => intOption(args('--json'), 'json', 7), UsageError);
    });
  });
});
