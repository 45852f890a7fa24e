import assert from 'node:assert/strict';
import { formatConnectionString, parseConnectionString, splitHostPort } from '../../../src/core/connection/connectionString';
import { ConnectionError, type ConnectionErrorCode } from '../../../src/core/connection/errors';
import { parseNamespaceInput, validateHubName } from '../../../src/core/connection/namespace';

const KEY = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=';
const NS = `Endpoint=sb://contoso-sec.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}`;

function rejects(input: string, code: ConnectionErrorCode, message?: RegExp): ConnectionError {
  let caught: unknown;
  try {
    parseConnectionString(input);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConnectionError, `expected a ConnectionError for ${JSON.stringify(input)}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.name, 'ConnectionError');
  if (message) assert.match(caught.message, message);
  assertNoPartOfKey(caught.message, KEY);
  return caught;
}

/** Not even 8 characters in a row of the key. */
function assertNoPartOfKey(text: string, key: string): void {
  for (let i = 0; i + 8 <= key.length; i++)
    assert.ok(!text.includes(key.slice(i, i + 8)), `"${key.slice(i, i + 8)}" of the key is in: ${text}`);
}

describe('core/connection/connectionString', () => {
  describe('parseConnectionString', () => {
    it('reads a namespace-level connection string', () => {
      const cs = parseConnectionString(NS);
      assert.deepEqual(cs, {
        endpoint: 'sb://contoso-sec.servicebus.windows.net/',
        host: 'contoso-sec.servicebus.windows.net',
        port: undefined,
        sharedAccessKeyName: 'RootManageSharedAccessKey',
        sharedAccessKey: KEY,
        sharedAccessSignature: undefined,
        entityPath: undefined,
        useDevelopmentEmulator: false,
      });
    });

    it('reads a hub-level connection string with EntityPath', () => {
      const cs = parseConnectionString(`${NS};EntityPath=insights-logs-advancedhunting-deviceevents`);
      assert.equal(cs.entityPath, 'insights-logs-advancedhunting-deviceevents');
      assert.equal(cs.sharedAccessKey, KEY);
    });

    it('keeps "=" inside values (base64 padding)', () => {
      const cs = parseConnectionString('Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=p;SharedAccessKey=ab==');
      assert.equal(cs.sharedAccessKey, 'ab==');
    });

    it('accepts any order, names in any letter case, spaces, a trailing ";" and an endpoint without "/"', () => {
      const cs = parseConnectionString(
        `  sharedaccesskey = ${KEY} ; ENDPOINT=sb://Contoso-Sec.servicebus.windows.net ; SharedAccessKeyName=listen;; `,
      );
      assert.equal(cs.host, 'Contoso-Sec.servicebus.windows.net');
      assert.equal(cs.endpoint, 'sb://Contoso-Sec.servicebus.windows.net');
      assert.equal(cs.sharedAccessKeyName, 'listen');
      assert.equal(cs.sharedAccessKey, KEY);
    });

    it('ignores parts it does not know (like the SDK)', () => {
      const cs = parseConnectionString(`${NS};TransportType=AmqpWebSockets`);
      assert.equal(cs.host, 'contoso-sec.servicebus.windows.net');
    });

    it('reads UseDevelopmentEmulator=true, case-sensitively like the SDK', () => {
      const local = 'Endpoint=sb://localhost:5672/;SharedAccessKeyName=k;SharedAccessKey=v';
      assert.equal(parseConnectionString(`${local};UseDevelopmentEmulator=true`).useDevelopmentEmulator, true);
      assert.equal(parseConnectionString(`${local};UseDevelopmentEmulator=True`).useDevelopmentEmulator, false);
      assert.equal(parseConnectionString(`${local};UseDevelopmentEmulator=false`).useDevelopmentEmulator, false);
      assert.equal(parseConnectionString(local).useDevelopmentEmulator, false);
    });

    it('reads a port in the endpoint into host and port', () => {
      const cs = parseConnectionString('Endpoint=sb://localhost:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true');
      assert.equal(cs.host, 'localhost:5672');
      assert.equal(cs.port, 5672);
      assert.equal(parseConnectionString('Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=k;SharedAccessKey=v').port, 1);
      assert.equal(parseConnectionString('Endpoint=sb://[::1]:65535/;SharedAccessKeyName=k;SharedAccessKey=v').host, '[::1]:65535');
    });

    it('reads the SharedAccessSignature form without a key name or key', () => {
      const sas = 'SharedAccessSignature sr=sb%3a%2f%2fcontoso-sec.servicebus.windows.net%2f&sig=abc%2Bdef%3D&se=1900000000&skn=listen';
      const cs = parseConnectionString(`Endpoint=sb://contoso-sec.servicebus.windows.net/;SharedAccessSignature=${sas};EntityPath=hub1`);
      assert.equal(cs.sharedAccessSignature, sas);
      assert.equal(cs.sharedAccessKey, undefined);
      assert.equal(cs.sharedAccessKeyName, undefined);
      assert.equal(cs.entityPath, 'hub1');
    });

    describe('malformed shapes', () => {
      it('empty or blank input', () => {
        rejects('', 'empty');
        rejects('   \n ', 'empty');
      });

      it('a part without "=": the message gives its position, never its text', () => {
        const stray = rejects(
          `${NS};${KEY.replace(/=/g, '')}`,
          'malformed',
          /^Part 4 of the connection string is not "Name=Value" \(parts are separated by ";"\)\.$/,
        );
        assert.doesNotMatch(stray.message, /Zm9v/);
        rejects(`Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k;${KEY.slice(0, 20)}`, 'malformed', /^Part 3 /); // a truncated key
        rejects(
          'Endpoint=sb://a.servicebus.windows.net/;=value;SharedAccessKeyName=k;SharedAccessKey=v',
          'malformed',
          /^Part 2 of the connection string has no name before "="\.$/,
        );
        const text = rejects('just some text', 'malformed');
        assert.doesNotMatch(text.message, /just|some|text"/);
      });

      it('parts separated by "," or spaces: names the part, shows no value', () => {
        rejects(
          `Endpoint=sb://a.servicebus.windows.net/,SharedAccessKeyName=k,SharedAccessKey=${KEY}`,
          'malformed',
          /^The "Endpoint" part .* holds a "," or a space: separate the parts with ";"\.$/,
        );
        rejects(`Endpoint=sb://a.servicebus.windows.net/ SharedAccessKeyName=k SharedAccessKey=${KEY}`, 'malformed', /"Endpoint"/);
        rejects(
          `Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY},junk`,
          'malformed',
          /"SharedAccessKey"/,
        );
        rejects(
          `Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY} EntityPath=hub`,
          'malformed',
          /"SharedAccessKey"/,
        );
        rejects(
          `Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k, SharedAccessKey=${KEY}`,
          'malformed',
          /"SharedAccessKeyName"/,
        );
      });

      it('the key where the endpoint or host belongs: not echoed', () => {
        rejects(
          `Endpoint=${KEY};SharedAccessKeyName=k;SharedAccessKey=${KEY}`,
          'badEndpoint',
          /^The "Endpoint" of the connection string must look like/,
        );
        rejects(`Endpoint=sb://${KEY.replace(/[+/=]/g, 'x')}_/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badHost');
      });

      it('a connection string or key pasted where a namespace, host or hub belongs: not echoed', () => {
        const pasted = `Endpoint=sb://a.servicebus.windows.net/,SharedAccessKeyName=k,SharedAccessKey=${KEY}`;
        for (const check of [
          () => parseNamespaceInput(pasted),
          () => parseNamespaceInput(KEY),
          () => validateHubName(KEY),
          () => validateHubName(pasted),
        ]) {
          assert.throws(check, (error: unknown) => {
            assert.ok(error instanceof ConnectionError);
            assertNoPartOfKey(error.message, KEY);
            return true;
          });
        }
        assert.throws(
          () => splitHostPort(`a.b,SharedAccessKey=${KEY}`),
          (error: ConnectionError) => (assertNoPartOfKey(error.message, KEY), true),
        );
        assert.throws(() => validateHubName('bad name'), { message: /^"bad name" is not a valid event hub name/ }); // harmless names are still shown
      });

      it('no endpoint', () => {
        rejects(`SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'missingEndpoint', /Endpoint=sb:\/\//);
        rejects(`Endpoint=;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'missingEndpoint');
      });

      it('an endpoint that is not sb://host/', () => {
        rejects(`Endpoint=https://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badEndpoint');
        rejects(`Endpoint=contoso.servicebus.windows.net;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badEndpoint');
        rejects(`Endpoint=sb://contoso.servicebus.windows.net/hub;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badEndpoint');
        rejects(`Endpoint=sb:///;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badEndpoint');
      });

      it('a port out of range', () => {
        rejects(`Endpoint=sb://localhost:0/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badEndpoint', /port/);
        rejects(`Endpoint=sb://localhost:65536/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badEndpoint', /port/);
      });

      it('a host that is not a host name', () => {
        rejects(`Endpoint=sb://contoso_sec.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badHost');
        rejects(`Endpoint=sb://-contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badHost');
        rejects(`Endpoint=sb://contoso..servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badHost');
        rejects(`Endpoint=sb://contoso.servicebus.windows.net:abc/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badHost');
        rejects(`Endpoint=sb://user@contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=${KEY}`, 'badHost');
      });

      it('no key name', () => {
        rejects(`Endpoint=sb://a.servicebus.windows.net/;SharedAccessKey=${KEY}`, 'missingKeyName', /SharedAccessKeyName/);
        rejects(`Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=;SharedAccessKey=${KEY}`, 'missingKeyName');
      });

      it('no key', () => {
        rejects('Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k', 'missingKey', /SharedAccessKey/);
        rejects('Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=', 'missingKey');
        rejects('Endpoint=sb://a.servicebus.windows.net/;SharedAccessSignature=', 'missingKey', /SharedAccessSignature/);
      });

      it('an empty EntityPath', () => {
        rejects(`${NS};EntityPath=`, 'badEntityPath', /EntityPath/);
        rejects(`${NS};EntityPath=  `, 'badEntityPath');
      });
    });
  });

  describe('formatConnectionString', () => {
    it('is the inverse of parseConnectionString', () => {
      const text = formatConnectionString({
        host: 'localhost:5672',
        sharedAccessKeyName: 'k',
        sharedAccessKey: KEY,
        entityPath: 'hub',
        useDevelopmentEmulator: true,
      });
      assert.equal(
        text,
        `Endpoint=sb://localhost:5672/;SharedAccessKeyName=k;SharedAccessKey=${KEY};EntityPath=hub;UseDevelopmentEmulator=true`,
      );
      const parsed = parseConnectionString(text);
      assert.equal(parsed.host, 'localhost:5672');
      assert.equal(parsed.sharedAccessKey, KEY);
      assert.equal(parsed.entityPath, 'hub');
      assert.equal(parsed.useDevelopmentEmulator, true);
    });

    it('leaves out EntityPath and UseDevelopmentEmulator when not given', () => {
      assert.equal(
        formatConnectionString({ host: 'a.servicebus.windows.net', sharedAccessKeyName: 'k', sharedAccessKey: 'v' }),
        'Endpoint=sb://a.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v',
      );
    });
  });

  describe('splitHostPort', () => {
    it('splits host and port', () => {
      assert.deepEqual(splitHostPort('localhost:5671'), { host: 'localhost', port: 5671 });
      assert.deepEqual(splitHostPort('contoso.servicebus.windows.net'), { host: 'contoso.servicebus.windows.net', port: undefined });
      assert.deepEqual(splitHostPort('[::1]:5672'), { host: '[::1]', port: 5672 });
      assert.deepEqual(splitHostPort('[fe80::1]'), { host: '[fe80::1]', port: undefined });
    });

    it('rejects bad hosts and ports', () => {
      assert.throws(() => splitHostPort(''), { code: 'badHost' });
      assert.throws(() => splitHostPort('::1'), { code: 'badHost' });
      assert.throws(() => splitHostPort('host:'), { code: 'badHost' });
      assert.throws(() => splitHostPort('host:70000'), { code: 'badEndpoint' });
      assert.throws(() => splitHostPort('a b'), { code: 'badHost' });
    });
  });
});
