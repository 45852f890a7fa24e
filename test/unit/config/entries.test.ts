import assert from 'node:assert/strict';
import { parseSettings, serializeEntry } from '../../../src/config/entries';
import { derivedEntryId, newEntryId } from '../../../src/config/ids';
import { checkConsumerGroup, checkHubName, checkKeyName, checkLabel, checkNamespace } from '../../../src/config/validate';

const base = { namespaceHost: 'contoso-soc.servicebus.windows.net', hubs: ['defender-stream'] };

describe('config: settings entries', () => {
  it('fills defaults for optional fields', () => {
    const { entries, issues } = parseSettings([{ id: 'a', ...base }]);
    assert.deepEqual(issues, []);
    assert.deepEqual(entries[0], {
      id: 'a',
      label: undefined,
      namespaceHost: 'contoso-soc.servicebus.windows.net',
      hubs: ['defender-stream'],
      mode: 'single',
      consumerGroup: '$Default',
      auth: 'connectionString',
      sharedAccessKeyName: undefined,
      useDevelopmentEmulator: undefined,
    });
  });

  it('treats a missing or empty setting as no hubs, and a non-array as one issue', () => {
    assert.equal(parseSettings(undefined).entries.length, 0);
    assert.equal(parseSettings([]).entries.length, 0);
    const { entries, issues } = parseSettings({ hubs: [] });
    assert.equal(entries.length, 0);
    assert.match(issues[0].message, /must be an array/);
  });

  it('normalizes the namespace host (sb://, trailing slash, upper case, resource ID) and keeps a port', () => {
    const { entries } = parseSettings([
      { id: 'a', namespaceHost: 'sb://Contoso-SOC.servicebus.windows.net/', hubs: ['h'] },
      { id: 'b', namespaceHost: '127.0.0.1:5673', hubs: ['h'] },
      {
        id: 'c',
        namespaceHost:
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/contoso-soc',
        hubs: ['h'],
      },
    ]);
    assert.deepEqual(
      entries.map((e) => e.namespaceHost),
      ['contoso-soc.servicebus.windows.net', '127.0.0.1:5673', 'contoso-soc.servicebus.windows.net'],
    );
  });

  it('accepts a single hub string and drops case-insensitive duplicates', () => {
    const { entries } = parseSettings([
      { id: 'a', namespaceHost: base.namespaceHost, hubs: 'one' },
      { id: 'b', namespaceHost: base.namespaceHost, hubs: ['x', 'X', 'y'] },
    ]);
    assert.deepEqual(entries[0].hubs, ['one']);
    assert.deepEqual(entries[1].hubs, ['x', 'y']);
  });

  it('reports each invalid entry with its position and a specific message, keeping valid ones', () => {
    const { entries, issues } = parseSettings([
      'nope',
      { id: 'a' },
      { id: 'b', namespaceHost: 'bad host!', hubs: ['h'] },
      { id: 'c', ...base, hubs: [] },
      { id: 'd', ...base, hubs: ['-bad-'] },
      { id: 'e', ...base, mode: 'many' },
      { id: 'f', ...base, consumerGroup: 'has space' },
      { id: 'g', ...base, auth: 'password' },
      { id: 'ok', ...base },
    ]);
    assert.deepEqual(
      entries.map((e) => e.id),
      ['ok'],
    );
    assert.deepEqual(
      issues.map((i) => i.index),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.match(issues[0].message, /^Hub entry 1: is not an object/);
    assert.match(issues[1].message, /"namespaceHost" is missing/);
    assert.match(issues[2].message, /"bad host!" is neither a host name/);
    assert.match(issues[3].message, /at least one event hub/);
    assert.match(issues[4].message, /not a valid event hub name/);
    assert.match(issues[5].message, /"mode" must be/);
    assert.match(issues[6].message, /consumer group/);
    assert.match(issues[7].message, /"auth" must be/);
    assert.equal(issues[7].id, 'g');
  });

  it('refuses an entry that holds a key, without repeating the key in the message', () => {
    const key = 'c2VjcmV0LWtleS12YWx1ZS0xMjM0NTY3ODkw';
    const { entries, issues } = parseSettings([
      { id: 'a', ...base, sharedAccessKey: key },
      { id: 'b', ...base, namespaceHost: `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey=${key}` },
      { id: 'c', ...base, label: `SharedAccessKey=${key}` },
    ]);
    assert.equal(entries.length, 0);
    assert.equal(issues.length, 3);
    for (const issue of issues) {
      assert.match(issue.message, /looks like a key/);
      assert.ok(!issue.message.includes(key));
    }
  });

  it('rejects a repeated id but keeps the first entry', () => {
    const { entries, issues } = parseSettings([
      { id: 'a', ...base },
      { id: 'a', ...base, hubs: ['other'] },
    ]);
    assert.deepEqual(
      entries.map((e) => e.hubs[0]),
      ['defender-stream'],
    );
    assert.match(issues[0].message, /repeats the id "a"/);
  });

  it('serializes only non-secret fields', () => {
    const { entries } = parseSettings([{ id: 'a', label: 'SOC', ...base, sharedAccessKeyName: 'Listen', useDevelopmentEmulator: true }]);
    assert.deepEqual(serializeEntry(entries[0]), {
      id: 'a',
      label: 'SOC',
      namespaceHost: base.namespaceHost,
      hubs: ['defender-stream'],
      mode: 'single',
      consumerGroup: '$Default',
      auth: 'connectionString',
      sharedAccessKeyName: 'Listen',
      useDevelopmentEmulator: true,
    });
    assert.deepEqual(parseSettings([serializeEntry(entries[0])]).entries[0], entries[0]);
  });
});

describe('config: ids', () => {
  it('derives the same id for the same entry on every read, and a different one for another hub', () => {
    const raw = [{ ...base }, { ...base, hubs: ['other'] }];
    const first = parseSettings(raw);
    const second = parseSettings(JSON.parse(JSON.stringify(raw)));
    assert.deepEqual(
      first.entries.map((e) => e.id),
      second.entries.map((e) => e.id),
    );
    assert.notEqual(first.entries[0].id, first.entries[1].id);
    assert.match(first.entries[0].id, /^contoso-soc-[0-9a-f]{8}$/);
    assert.deepEqual([...first.missingIds.keys()], [0, 1]);
  });

  it('does not let a label edit change a derived id', () => {
    const a = parseSettings([{ ...base, label: 'Before' }]).entries[0].id;
    const b = parseSettings([{ ...base, label: 'After' }]).entries[0].id;
    assert.equal(a, b);
  });

  it('makes derived ids unique for identical entries and never reuses an explicit id', () => {
    const explicit = derivedEntryId(base.namespaceHost, base.hubs, new Set());
    const { entries, issues } = parseSettings([{ ...base }, { ...base }, { id: explicit, ...base }]);
    assert.deepEqual(issues, []);
    const ids = entries.map((e) => e.id);
    assert.equal(new Set(ids).size, 3);
    assert.equal(ids[2], explicit);
    assert.deepEqual(ids.slice(0, 2), [`${explicit}-2`, `${explicit}-3`]);
  });

  it('generates new ids from the namespace, unique among existing ones', () => {
    const values = ['aaaaaa', 'aaaaaa', 'bbbbbb'];
    const id = newEntryId('Contoso-SOC.servicebus.windows.net', ['contoso-soc-aaaaaa'], () => values.shift() as string);
    assert.equal(id, 'contoso-soc-bbbbbb');
    assert.match(newEntryId('127.0.0.1:5672', []), /^127-[0-9a-f]{6}$/);
  });
});

describe('config: field validation', () => {
  it('explains what is wrong with each field', () => {
    assert.equal(checkConsumerGroup('$Default'), undefined);
    assert.equal(checkConsumerGroup('defender-explorer'), undefined);
    assert.match(checkConsumerGroup('') ?? '', /Enter a consumer group/);
    assert.match(checkConsumerGroup('x'.repeat(51)) ?? '', /not a valid consumer group/);
    assert.equal(checkHubName('insights-logs-advancedhunting-deviceevents'), undefined);
    assert.match(checkHubName('') ?? '', /Enter the event hub name/);
    assert.match(checkHubName('a b') ?? '', /not a valid event hub name/);
    assert.equal(checkNamespace('contoso-soc'), undefined);
    assert.match(checkNamespace('/subscriptions/x') ?? '', /resource ID/);
    assert.match(checkLabel('a\nb') ?? '', /one line/);
    assert.match(checkKeyName('') ?? '', /shared access policy/);
  });
});
