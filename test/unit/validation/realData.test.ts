import { FORMS, inForm, noFindings, record } from './helpers';

// "Observed in public samples" of streamed records: none of this may produce a finding.
describe('validation: deviations that real streamed data shows produce no finding', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['AdditionalFields (documented string) as an object', record('DeviceNetworkEvents', { AdditionalFields: { CallerProcessID: 4248 } })],
    ['AdditionalFields as a JSON-encoded string', record('DeviceNetworkEvents', { AdditionalFields: '{"CallerProcessID":4248}' })],
    ['AdditionalFields as an array', record('DeviceEvents', { AdditionalFields: [1, 2] })],
    [
      'dynamic columns as object, array or string',
      record('CloudAppEvents', { RawEventData: { a: 1 }, IPTags: ['x'], ActivityObjects: '[{"Type":"User"}]' }),
    ],
    [
      'LoggedOnUsers (documented string) as an array',
      record('DeviceInfo', { LoggedOnUsers: [{ UserName: 'a', DomainName: 'd', Sid: 'S-1-5' }] }),
    ],
    [
      'IPAddresses and DnsAddresses as arrays',
      record('DeviceNetworkInfo', {
        IPAddresses: [{ IPAddress: '10.0.0.1' }],
        DnsAddresses: ['10.0.0.2'],
        ConnectedNetworks: [{ Name: 'corp' }],
      }),
    ],
    ['"" in numeric columns of Identity* tables', record('IdentityLogonEvents', { Port: '', DestinationPort: '' })],
    ['0/1 in bool columns', record('DeviceProcessEvents', { IsProcessRemoteSession: 0, IsInitiatingProcessRemoteSession: 1 })],
    ['"-" in IP columns', record('IdentityLogonEvents', { IPAddress: '-', DestinationIPAddress: '-' })],
    ['a long ReportId beyond 32 bits', record('DeviceNetworkEvents', { ReportId: 18984951960 })],
    ['ReportId as a string in non-Device tables', record('EmailEvents', { ReportId: 'abc-123' })],
    ['MachineGroup on AlertInfo and AlertEvidence', record('AlertInfo', { MachineGroup: 'Servers' })],
    ['MachineGroup on AlertEvidence', record('AlertEvidence', { MachineGroup: null })],
    [
      'extra top-level fields',
      record('DeviceEvents', {}, { _TimeReceivedBySvc: '2024-05-01T10:20:31Z', Tenant: 'DefaultTenant', operationName: 'Publish' }),
    ],
    ['a record that omits most documented columns', record('DeviceNetworkEvents', { DeviceName: 'pc', RemoteIP: '1.2.3.4' })],
  ];
  for (const [name, rec] of cases) {
    it(name, () => {
      for (const form of FORMS) noFindings(inForm(form, rec));
    });
  }
});
