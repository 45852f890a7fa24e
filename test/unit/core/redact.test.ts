import assert from 'node:assert/strict';
import { redact, redactError } from '../../../src/core/connection/redact';

const KEY = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=';
const SIG = 'abc%2Bdef%2Fghi%3D';
const CS = `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY};EntityPath=hub`;

function assertClean(text: string): void {
  assert.ok(!text.includes(KEY), `key left in: ${text}`);
  assert.ok(!text.includes(SIG), `signature left in: ${text}`);
  assert.ok(!text.includes('SECRET'), `secret left in: ${text}`);
}

describe('core/connection/redact', () => {
  it('hides SharedAccessKey= and keeps the rest of the connection string', () => {
    const out = redact(CS);
    assert.equal(
      out,
      'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=***;EntityPath=hub',
    );
  });

  it('is case-insensitive and tolerates spaces around "="', () => {
    assert.equal(redact(`sharedaccesskey=${KEY}`), 'sharedaccesskey=***');
    assert.equal(redact(`SHAREDACCESSKEY = ${KEY}`), 'SHAREDACCESSKEY = ***');
  });

  it('does not touch the key name', () => {
    assert.equal(redact('SharedAccessKeyName=RootManageSharedAccessKey'), 'SharedAccessKeyName=RootManageSharedAccessKey');
  });

  it('hides a SAS token after "SharedAccessSignature " (an Authorization header)', () => {
    const out = redact(`Authorization: SharedAccessSignature sr=sb%3a%2f%2fcontoso&sig=${SIG}&se=1900000000&skn=listen`);
    assert.equal(out, 'Authorization: SharedAccessSignature ***');
  });

  it('hides the SharedAccessSignature= part of a connection string, whatever the order of the token fields', () => {
    for (const token of [`sr=x&sig=${SIG}&se=1&skn=k`, `sig=${SIG}&se=1&skn=k&sr=x`]) {
      const out = redact(`Endpoint=sb://a.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature ${token};EntityPath=hub`);
      assertClean(out);
      assert.equal(out, 'Endpoint=sb://a.servicebus.windows.net/;SharedAccessSignature=***;EntityPath=hub');
    }
    assert.equal(redact(`SharedAccessSignature=${SIG}`), 'SharedAccessSignature=***');
  });

  it('hides sig= in URLs and query strings', () => {
    assert.equal(
      redact(`https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=${SIG}&se=2030`),
      'https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=***&se=2030',
    );
    assert.equal(redact(`https://x/?SIG=${SIG}`), 'https://x/?SIG=***');
    assert.equal(redact('design=blue&signal=1'), 'design=blue&signal=1');
  });

  it('hides secrets inside JSON and error text', () => {
    const json = JSON.stringify({ hub: 'h', connectionString: CS });
    const out = redact(json);
    assertClean(out);
    assert.deepEqual(JSON.parse(out), { hub: 'h', connectionString: CS.replace(KEY, '***') });
    assertClean(redact(`Error: connect failed for '${CS}': ECONNREFUSED`));
    assertClean(redact(`failed (${CS})`));
  });

  it('hides secrets held as JSON properties', () => {
    const out = redact(
      JSON.stringify({
        sharedAccessKeyName: 'listen',
        sharedAccessKey: 'SECRET+/=',
        sharedAccessSignature: 'SharedAccessSignature sr=a&sig=SECRET',
      }),
    );
    assertClean(out);
    assert.deepEqual(JSON.parse(out), { sharedAccessKeyName: 'listen', sharedAccessKey: '***', sharedAccessSignature: '***' });
    assertClean(redact(`{ 'SharedAccessKey': 'SECRET' }`));
    assertClean(redact('{"sharedAccessKey":"SECRET\\"quoted"}'));
  });

  it('hides the key whatever separators and quotes surround it and whatever follows it, but not prose', () => {
    for (const text of [
      `Endpoint=sb://a/;SharedAccessKeyName=k;SharedAccessKey=${KEY},junk;EntityPath=hub`,
      `Endpoint=sb://a/,SharedAccessKeyName=k,SharedAccessKey=${KEY},EntityPath=hub`,
      `Endpoint=sb://a/ SharedAccessKeyName=k SharedAccessKey=${KEY} EntityPath=hub`,
      `Endpoint=sb://a/|SharedAccessKeyName=k|SharedAccessKey=${KEY}|EntityPath=hub`,
      `SharedAccessKey="${KEY}"`,
      `SharedAccessKey='${KEY}'`,
      `SharedAccessKey =\t${KEY}`,
      `SHARED_ACCESS_KEY=${KEY}`,
      `shared-access-key: ${KEY}`,
      `sharedAccessKey: ${KEY}`,
      `SharedAccessKey ${KEY}`,
      `{"cs":"{\\"sharedAccessKey\\":\\"${KEY}\\"}"}`,
      `https://x/?cs=Endpoint%3Dsb%3A%2F%2Fa%2F%3BSharedAccessKey%3D${encodeURIComponent(KEY)}%3BEntityPath%3Dhub`,
      `SharedAccessSignature="SharedAccessSignature sr=a&sig=${SIG}&se=1"`,
    ]) {
      const out = redact(text);
      for (let i = 0; i + 8 <= KEY.length; i++) assert.ok(!out.includes(KEY.slice(i, i + 8)), `part of the key left in: ${out}`);
      assert.ok(!out.includes(SIG), `signature left in: ${out}`);
      assert.match(out, /\*\*\*/);
      assert.equal(redact(out), out, 'stable');
    }
    // JSON text (the CLI's NDJSON output) stays valid JSON: no escape sequence is cut in half.
    const json = JSON.stringify({ cmd: `set SharedAccessKey=${KEY}" x`, yaml: `sharedAccessKey: ${KEY}\\`, url: `?sig=${SIG}\\"` });
    const parsed = JSON.parse(redact(json)) as Record<string, string>;
    assert.deepEqual(parsed, { cmd: 'set SharedAccessKey=***" x', yaml: 'sharedAccessKey: ***', url: '?sig=***"' });
    // ...and still leaves prose and the key name alone.
    for (const text of [
      'The connection string has no "SharedAccessKey".',
      'policy RootManageSharedAccessKey: unauthorized',
      'Enter the shared access key: it is in the Azure portal',
      'Shared Access Signature tokens expire',
      'SHARED_ACCESS_KEY_NAME=listen',
    ]) {
      assert.equal(redact(text), text);
    }
  });

  it('hides every occurrence', () => {
    const out = redact(`${CS}\n${CS}\nSharedAccessSignature sr=a&sig=${SIG} and again SharedAccessKey=${KEY}`);
    assertClean(out);
    assert.equal(out.match(/\*\*\*/g)?.length, 4);
  });

  it('leaves text without secrets unchanged', () => {
    for (const text of ['', 'plain text', 'Endpoint=sb://a/;EntityPath=hub', '{"records":[]}', 'SharedAccessKey'])
      assert.equal(redact(text), text);
  });

  it('is stable: redacting twice gives the same text', () => {
    const once = redact(`${CS}; SharedAccessSignature sr=a&sig=${SIG}`);
    assert.equal(redact(once), once);
  });

  describe('redactError', () => {
    it('redacts the message of an Error', () => {
      assert.equal(redactError(new Error(`bad: SharedAccessKey=${KEY}`)), 'bad: SharedAccessKey=***');
    });

    it('uses the name of an Error without a message', () => {
      assert.equal(redactError(new TypeError('')), 'TypeError');
    });

    it('redacts strings and plain objects', () => {
      assert.equal(redactError(`x SharedAccessKey=${KEY}`), 'x SharedAccessKey=***');
      const out = redactError({ condition: 'amqp:unauthorized-access', description: `SharedAccessKey=${KEY}` });
      assertClean(out);
      assert.match(out, /amqp:unauthorized-access/);
    });

    it('never throws, whatever it is given', () => {
      const circular: Record<string, unknown> = { a: 1 };
      circular.self = circular;
      assert.equal(redactError(circular), '[object Object]');
      assert.equal(redactError(10n), '10');
      assert.equal(redactError(undefined), 'undefined');
      assert.equal(redactError(null), 'null');
      const bare = Object.create(null) as Record<string, unknown>;
      bare.self = bare;
      assert.equal(redactError(bare), 'unknown error');
    });
  });
});
