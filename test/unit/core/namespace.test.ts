import assert from 'node:assert/strict';
import { CLOUDS, cloudOfHost } from '../../../src/core/connection/cloud';
import { ConnectionError } from '../../../src/core/connection/errors';
import { hostForNamespace, parseNamespaceInput, parseResourceId, validateHubName } from '../../../src/core/connection/namespace';

const SUB = '00000000-1111-2222-3333-444444444444';
const NS_ID = `/subscriptions/${SUB}/resourceGroups/rg-sec/providers/Microsoft.EventHub/namespaces/contoso-sec`;
const [PUBLIC, US_GOV, CHINA] = CLOUDS;

function badId(input: string, message: RegExp): void {
  assert.throws(
    () => parseResourceId(input),
    (error: unknown) => error instanceof ConnectionError && error.code === 'badResourceId' && message.test(error.message),
  );
}

describe('core/connection/namespace', () => {
  describe('parseResourceId', () => {
    it('reads a namespace resource ID', () => {
      assert.deepEqual(parseResourceId(NS_ID), { subscriptionId: SUB, resourceGroup: 'rg-sec', namespace: 'contoso-sec', hub: undefined });
    });

    it('reads an event hub resource ID (/eventhubs/<hub>)', () => {
      assert.deepEqual(parseResourceId(`${NS_ID}/eventhubs/insights-logs-advancedhunting-deviceevents`), {
        subscriptionId: SUB,
        resourceGroup: 'rg-sec',
        namespace: 'contoso-sec',
        hub: 'insights-logs-advancedhunting-deviceevents',
      });
    });

    it('accepts surrounding spaces, a trailing "/" and any letter case in the fixed segments', () => {
      assert.equal(parseResourceId(`  ${NS_ID}/  `).namespace, 'contoso-sec');
      assert.equal(
        parseResourceId(NS_ID.replace('resourceGroups', 'resourcegroups').replace('Microsoft.EventHub', 'microsoft.eventhub')).namespace,
        'contoso-sec',
      );
    });

    it('rejects something that does not start with /subscriptions/', () => {
      badId('', /starts with "\/subscriptions\//);
      badId('contoso-sec', /starts with/);
      badId(NS_ID.slice(1), /starts with/);
    });

    it('rejects a resource of another provider', () => {
      badId(NS_ID.replace('Microsoft.EventHub', 'Microsoft.ServiceBus'), /not an Event Hubs namespace/);
      badId(
        `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/contosologs`,
        /not an Event Hubs namespace/,
      );
    });

    it('rejects a subscription ID that is not a GUID', () => {
      badId(NS_ID.replace(SUB, 'my-subscription'), /"my-subscription" is not a GUID/);
      badId(NS_ID.replace(SUB, `${SUB}0`), /not a GUID/);
    });

    it('rejects an invalid namespace name', () => {
      badId(NS_ID.replace('contoso-sec', 'abc'), /"abc" is not a valid Event Hubs namespace name/); // too short
      badId(NS_ID.replace('contoso-sec', '1contoso'), /not a valid Event Hubs namespace name/); // starts with a digit
      badId(NS_ID.replace('contoso-sec', 'contoso-'), /not a valid Event Hubs namespace name/); // ends with a hyphen
      badId(NS_ID.replace('contoso-sec', 'contoso_sec'), /not a valid Event Hubs namespace name/);
      badId(NS_ID.replace('contoso-sec', 'a'.repeat(51)), /not a valid Event Hubs namespace name/); // too long
    });

    it('rejects extra or missing segments', () => {
      badId(`${NS_ID}/consumergroups/$Default`, /extra or missing segments/);
      badId(`${NS_ID}/eventhubs/hub/consumergroups/cg`, /extra or missing segments/);
      badId(`${NS_ID}/eventhubs/`, /extra or missing segments/);
      badId(`/subscriptions/${SUB}/providers/Microsoft.EventHub/namespaces/contoso-sec`, /extra or missing segments/);
      badId(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/`, /extra or missing segments/);
    });

    it('rejects an invalid hub name in an event hub ID', () => {
      assert.throws(() => parseResourceId(`${NS_ID}/eventhubs/-hub`), { code: 'badHubName' });
    });
  });

  describe('hostForNamespace and clouds', () => {
    it('builds the AMQP host in each cloud, lower-cased', () => {
      assert.equal(hostForNamespace('Contoso-Sec'), 'contoso-sec.servicebus.windows.net');
      assert.equal(hostForNamespace('contoso-sec', PUBLIC), 'contoso-sec.servicebus.windows.net');
      assert.equal(hostForNamespace('contoso-sec', US_GOV), 'contoso-sec.servicebus.usgovcloudapi.net');
      assert.equal(hostForNamespace('contoso-sec', CHINA), 'contoso-sec.servicebus.chinacloudapi.cn');
    });

    it('knows the cloud of a host, with or without a port, in any case', () => {
      assert.equal(cloudOfHost('contoso.servicebus.windows.net')?.id, 'public');
      assert.equal(cloudOfHost('CONTOSO.SERVICEBUS.USGOVCLOUDAPI.NET')?.id, 'usGovernment');
      assert.equal(cloudOfHost('contoso.servicebus.chinacloudapi.cn:5671')?.id, 'china');
      assert.equal(cloudOfHost('localhost:5672'), undefined);
      assert.equal(cloudOfHost('servicebus.windows.net.evil.example'), undefined);
    });

    it('lists three clouds with distinct ids and suffixes', () => {
      assert.deepEqual(
        CLOUDS.map((c) => c.id),
        ['public', 'usGovernment', 'china'],
      );
      assert.equal(new Set(CLOUDS.map((c) => c.serviceBusSuffix)).size, 3);
    });
  });

  describe('parseNamespaceInput', () => {
    it('reads a resource ID in the commercial cloud by default', () => {
      assert.deepEqual(parseNamespaceInput(NS_ID), { host: 'contoso-sec.servicebus.windows.net', hub: undefined });
    });

    it('reads a resource ID in the US Government and China clouds', () => {
      assert.deepEqual(parseNamespaceInput(NS_ID, US_GOV), { host: 'contoso-sec.servicebus.usgovcloudapi.net', hub: undefined });
      assert.deepEqual(parseNamespaceInput(`${NS_ID}/eventhubs/hub1`, CHINA), {
        host: 'contoso-sec.servicebus.chinacloudapi.cn',
        hub: 'hub1',
      });
    });

    it('reads a host name, with an optional sb:// and trailing "/", lower-cased', () => {
      assert.deepEqual(parseNamespaceInput('Contoso-Sec.servicebus.windows.net'), { host: 'contoso-sec.servicebus.windows.net' });
      assert.deepEqual(parseNamespaceInput(' sb://contoso-sec.servicebus.usgovcloudapi.net/ '), {
        host: 'contoso-sec.servicebus.usgovcloudapi.net',
      });
      assert.deepEqual(parseNamespaceInput('SB://contoso-sec.servicebus.chinacloudapi.cn'), {
        host: 'contoso-sec.servicebus.chinacloudapi.cn',
      });
    });

    it('keeps a port (a local hub)', () => {
      assert.deepEqual(parseNamespaceInput('localhost:5672'), { host: 'localhost:5672' });
      assert.deepEqual(parseNamespaceInput('sb://127.0.0.1:5671/'), { host: '127.0.0.1:5671' });
    });

    it('reads a bare namespace name as a host in the given cloud', () => {
      assert.deepEqual(parseNamespaceInput('contoso-sec'), { host: 'contoso-sec.servicebus.windows.net' });
      assert.deepEqual(parseNamespaceInput('contoso-sec', US_GOV), { host: 'contoso-sec.servicebus.usgovcloudapi.net' });
    });

    it('rejects empty input, bad names and bad hosts', () => {
      assert.throws(() => parseNamespaceInput('  '), { code: 'empty' });
      assert.throws(() => parseNamespaceInput('abc'), { code: 'badHost', message: /neither a host name nor a valid namespace name/ });
      assert.throws(() => parseNamespaceInput('contoso_sec.servicebus.windows.net'), { code: 'badHost' });
      assert.throws(() => parseNamespaceInput('https://contoso.servicebus.windows.net/'), { code: 'badHost' });
      assert.throws(() => parseNamespaceInput('contoso.servicebus.windows.net/hub'), { code: 'badHost' });
      assert.throws(() => parseNamespaceInput('localhost:99999'), { code: 'badEndpoint' });
      assert.throws(() => parseNamespaceInput('/subscriptions/x'), { code: 'badResourceId' });
    });
  });

  describe('validateHubName', () => {
    it('accepts real hub names', () => {
      for (const name of ['a', 'hub1', 'insights-logs-advancedhunting-deviceprocessevents', 'my_hub.v2', 'A'.repeat(256)])
        assert.equal(validateHubName(name), name);
    });

    it('rejects names that Event Hubs does not allow', () => {
      for (const name of ['', '-hub', 'hub-', '.hub', 'hub_', 'hub/1', 'hub 1', 'A'.repeat(257), '../x']) {
        assert.throws(() => validateHubName(name), { code: 'badHubName' }, name);
      }
    });
  });
});
