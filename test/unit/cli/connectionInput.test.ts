import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { commandLineHoldsSecret, connectionStringFrom, readSecretLine } from '../../../src/cli/connectionInput';
import type { SecretInput } from '../../../src/cli/types';
import { UsageError } from '../../../src/cli/types';
import { randomKey } from './builtCliSupport';

const CS = `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${randomKey()}`;

function prompt(): { write(text: string): boolean; text: string } {
  const p = { text: '', write: (t: string) => ((p.text += t), true) };
  return p;
}

/** A real stream that says it is a terminal and records the raw-mode switches. */
function terminal(): SecretInput & PassThrough & { rawModes: boolean[] } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  return Object.assign(stream, { setRawMode: (raw: boolean) => stream.rawModes.push(raw) });
}

describe('cli/connectionInput', () => {
  describe('readSecretLine', () => {
    it('reads the first line of a pipe, without its line ending', async () => {
      for (const [input, expected] of [
        [`${CS}\nsecond line\n`, CS],
        [`${CS}\r\n`, CS],
        [CS, CS], // no newline before the end
        ['', ''],
      ]) {
        const stdin = new PassThrough();
        const reading = readSecretLine(stdin, prompt());
        stdin.end(input);
        assert.equal(await reading, expected);
      }
    });

    it('reads a line split across chunks and multi-byte characters', async () => {
      const stdin = new PassThrough();
      const reading = readSecretLine(stdin, prompt());
      const bytes = Buffer.from(`${CS};EntityPath=hüb\n`);
      stdin.write(bytes.subarray(0, bytes.length - 3)); // ends inside "ü"
      stdin.write(bytes.subarray(bytes.length - 3));
      assert.equal(await reading, `${CS};EntityPath=hüb`);
    });

    it('in a terminal: prompts on stderr, reads in raw mode without echo, and edits with backspace', async () => {
      const stdin = terminal();
      const stderr = prompt();
      const reading = readSecretLine(stdin, stderr);
      stdin.write(`${CS}x\u007f`);
      stdin.write('\r');
      assert.equal(await reading, CS);
      assert.deepEqual(stdin.rawModes, [true, false]);
      assert.match(stderr.text, /^Connection string \(not shown as you type or paste it\): \n$/);
    });

    it('in a terminal: Ctrl+C cancels and leaves raw mode', async () => {
      const stdin = terminal();
      const reading = readSecretLine(stdin, prompt());
      stdin.write('Endpoint=\u0003');
      await assert.rejects(reading, /cancelled/);
      assert.deepEqual(stdin.rawModes, [true, false]);
    });

    it('stops on an abort and refuses a first line that cannot be a connection string', async () => {
      const controller = new AbortController();
      const waiting = readSecretLine(new PassThrough(), prompt(), controller.signal);
      controller.abort();
      await assert.rejects(waiting, /cancelled/);
      const stdin = new PassThrough();
      const long = readSecretLine(stdin, prompt());
      stdin.write('x'.repeat(70_000));
      await assert.rejects(long, (error: unknown) => error instanceof UsageError && /longer than 64 KiB/.test(error.message));
    });
  });

  describe('commandLineHoldsSecret', () => {
    it('is true for a --connection-string value other than "-" and for anything shaped like a key', () => {
      for (const argv of [
        ['tail', '--connection-string', 'whatever'],
        ['tail', '--connection-string=whatever'],
        ['tail', `x;SharedAccessKey=abc`],
        ['tail', 'SHARED_ACCESS_KEY=abc'],
        ['tail', 'SharedAccessSignature sr=a&sig=b'],
        ['--hub', 'Endpoint=sb://a/'],
      ]) {
        assert.equal(commandLineHoldsSecret(argv), true, argv.join(' '));
      }
      for (const argv of [
        ['tail', '--connection-string', '-'],
        ['tail', '--connection-string=-'],
        ['tail', '--connection-string', '--json'],
        ['tail', '--connection-string'],
        ['tail', '--hub', 'SharedAccessKeyName'],
      ]) {
        assert.equal(commandLineHoldsSecret(argv), false, argv.join(' '));
      }
    });
  });

  describe('connectionStringFrom', () => {
    it('takes the option, "-" meaning stdin, else the environment, and never quotes what it got', () => {
      assert.equal(connectionStringFrom('a', { DEFENDER_STREAM_CONNECTION_STRING: 'b' }), 'a');
      assert.equal(connectionStringFrom(undefined, { DEFENDER_STREAM_CONNECTION_STRING: 'b' }), 'b');
      assert.equal(connectionStringFrom('-', { DEFENDER_STREAM_CONNECTION_STRING: 'b' }, 'c'), 'c');
      assert.throws(() => connectionStringFrom('-', {}, '  '), /stdin had none/);
      assert.throws(
        () => connectionStringFrom(undefined, { DEFENDER_STREAM_CONNECTION_STRING: ' ' }),
        /DEFENDER_STREAM_CONNECTION_STRING, on stdin with "--connection-string -"/,
      );
    });
  });
});
