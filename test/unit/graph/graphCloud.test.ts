// Which Microsoft Graph a hub's cloud points to, and the tenant setting's check.
import assert from 'node:assert/strict';
import { checkGraphTenant, graphCloudsForHubs } from '../../../src/graph/graphEndpoint';

describe('Graph host from the hub cloud, and the tenant setting', () => {
  it('follows the namespace suffix; US Government is L4 or L5; nothing known means global', () => {
    assert.deepEqual(graphCloudsForHubs(['contoso.servicebus.windows.net']), ['global']);
    assert.deepEqual(graphCloudsForHubs(['Contoso.ServiceBus.UsGovCloudApi.net:5671']), ['usGovL4', 'usGovL5']);
    assert.deepEqual(graphCloudsForHubs([]), ['global']);
    assert.deepEqual(graphCloudsForHubs(['127.0.0.1:5672']), ['global']);
    assert.deepEqual(graphCloudsForHubs(['a.servicebus.windows.net', 'b.servicebus.usgovcloudapi.net']), ['global', 'usGovL4', 'usGovL5']);
    assert.throws(() => graphCloudsForHubs(['x.servicebus.chinacloudapi.cn']), /Azure China/);
    assert.deepEqual(graphCloudsForHubs(['x.servicebus.chinacloudapi.cn', 'a.servicebus.windows.net']), ['global']);
  });

  it('accepts a tenant ID or domain and names an invalid value instead of ignoring it', () => {
    assert.equal(checkGraphTenant(undefined), undefined);
    assert.equal(checkGraphTenant('  '), undefined);
    assert.equal(checkGraphTenant(' contoso.onmicrosoft.com '), 'contoso.onmicrosoft.com');
    assert.equal(checkGraphTenant('8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90'), '8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90');
    assert.throws(() => checkGraphTenant('contoso tenant'), /defenderStream\.graph\.tenant \("contoso tenant"\) is not a tenant ID/);
    assert.throws(() => checkGraphTenant('https://login.microsoftonline.com/contoso'), /not a tenant ID/);
  });
});
