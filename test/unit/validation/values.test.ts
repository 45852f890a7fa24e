import assert from 'node:assert/strict';
import { assertInEveryForm, findings, inForm, noFindings, record, FORMS } from './helpers';

describe('validation: property values against column types', () => {
  describe('errors: values Defender could not have sent', () => {
    it('a non-numeric string in a long column', () => {
      assertInEveryForm(record('DeviceProcessEvents', { ProcessId: 'abc' }), 'DSE022', 'error', '"abc"');
    });

    it('a fraction in a long column (number and string)', () => {
      assertInEveryForm(record('DeviceProcessEvents', { ProcessId: 12.5 }), 'DSE022', 'error', '12.5');
      assertInEveryForm(record('DeviceProcessEvents', { ProcessId: '12.5' }), 'DSE022', 'error', '"12.5"');
    });

    it('an object or array in a long column', () => {
      assertInEveryForm(record('DeviceProcessEvents', { FileSize: {} }), 'DSE022', 'error', '{}');
      assertInEveryForm(record('DeviceProcessEvents', { FileSize: [] }), 'DSE022', 'error', '[]');
      const text = inForm('ndjson', record('DeviceProcessEvents', { FileSize: [1] }));
      assert.deepEqual(
        findings(text).map((f) => f.code),
        ['DSE022'],
      );
    });

    it('a boolean in an int column', () => {
      assertInEveryForm(record('DeviceNetworkEvents', { RemotePort: true }), 'DSE022', 'error', 'true');
    });

    it('an int beyond 32 bits (number and string)', () => {
      assertInEveryForm(record('DeviceNetworkEvents', { RemotePort: 2147483648 }), 'DSE023', 'error', '2147483648');
      assertInEveryForm(record('DeviceNetworkEvents', { LocalPort: -2147483649 }), 'DSE023', 'error', '-2147483649');
      assertInEveryForm(record('DeviceNetworkEvents', { LocalPort: '99999999999' }), 'DSE023', 'error', '"99999999999"');
    });

    it('an int at the 32-bit limits is fine', () => {
      noFindings(JSON.stringify({ records: [record('DeviceNetworkEvents', { RemotePort: 2147483647, LocalPort: -2147483648 })] }));
    });

    it('a long beyond 64 bits', () => {
      assertInEveryForm(record('DeviceProcessEvents', { ProcessId: 1e20 }), 'DSE023', 'error', '100000000000000000000');
    });

    it('an object, a string word or another number in a bool column', () => {
      assertInEveryForm(record('DeviceFileCertificateInfo', { IsSigned: {} }), 'DSE022', 'error', '{}');
      assertInEveryForm(record('DeviceFileCertificateInfo', { IsSigned: 'yes' }), 'DSE022', 'error', '"yes"');
      assertInEveryForm(
        record('DeviceFileCertificateInfo', { IsSigned: 2 }),
        'DSE022',
        'error',
        '2',
        (_form, text) => text.split('2').length - 2,
      );
    });

    it('a datetime column that does not parse as ISO 8601', () => {
      assertInEveryForm(
        record('DeviceProcessEvents', { ProcessCreationTime: '05/01/2024 10:20' }),
        'DSE024',
        'error',
        '"05/01/2024 10:20"',
      );
      assertInEveryForm(
        record('DeviceProcessEvents', { ProcessCreationTime: '2024-02-30T10:20:30Z' }),
        'DSE024',
        'error',
        '"2024-02-30T10:20:30Z"',
      );
      assertInEveryForm(record('DeviceProcessEvents', { Timestamp: 1714558830 }), 'DSE024', 'error', '1714558830');
    });

    it('accepts ISO 8601 datetimes with offsets, fractions, or date only', () => {
      for (const value of [
        '2024-05-01T10:20:30Z',
        '2024-05-01T10:20:30.1234567Z',
        '2024-05-01T12:20:30+02:00',
        '2024-05-01',
        '2024-02-29T00:00:00Z',
      ]) {
        noFindings(JSON.stringify({ records: [record('DeviceProcessEvents', { ProcessCreationTime: value })] }));
      }
    });
  });

  describe('warnings: readable by a lenient consumer, not what the docs say', () => {
    it('a number given as a string', () => {
      assertInEveryForm(record('DeviceProcessEvents', { FileSize: '4242' }), 'DSE025', 'warning', '"4242"');
      assertInEveryForm(record('DeviceNetworkEvents', { RemotePort: '443' }), 'DSE025', 'warning', '"443"');
    });

    it('a boolean given as a string', () => {
      assertInEveryForm(record('DeviceFileCertificateInfo', { IsSigned: 'true' }), 'DSE025', 'warning', '"true"');
      assertInEveryForm(record('DeviceFileCertificateInfo', { IsTrusted: 'False' }), 'DSE025', 'warning', '"False"');
    });

    it('a number, boolean or object in a plain string column', () => {
      assertInEveryForm(record('DeviceProcessEvents', { FileName: 42 }), 'DSE026', 'warning', '42');
      assertInEveryForm(record('DeviceProcessEvents', { DeviceName: false }), 'DSE026', 'warning', 'false');
      assertInEveryForm(record('DeviceProcessEvents', { FolderPath: {} }), 'DSE026', 'warning', '{}');
      assertInEveryForm(record('DeviceProcessEvents', { FolderPath: [] }), 'DSE026', 'warning', '[]');
    });
  });

  it('null is always allowed, in every column type', () => {
    for (const form of FORMS) {
      noFindings(
        inForm(
          form,
          record('DeviceProcessEvents', {
            ProcessId: null,
            FileName: null,
            ProcessCreationTime: null,
            IsProcessRemoteSession: null,
            AdditionalFields: null,
            MachineGroup: null,
          }),
        ),
      );
    }
  });

  it('MachineGroup is a known decoration on any table', () => {
    for (const table of ['DeviceProcessEvents', 'AlertInfo', 'AlertEvidence', 'EmailEvents']) {
      noFindings(JSON.stringify({ records: [record(table, { MachineGroup: 'Servers' })] }));
    }
  });

  describe('infos: nothing a parser would trip over', () => {
    it('an unknown column (real records carry columns no page lists), with a suggestion for near misses, at the key', () => {
      assertInEveryForm(record('DeviceProcessEvents', { FileNme: 'a.exe' }), 'DSE020', 'info', '"FileNme"');
      const [finding] = findings(inForm('message', record('DeviceProcessEvents', { FileNme: 'a.exe' })));
      assert.match(finding.message, /Did you mean "FileName"\?/);
      const [far] = findings(inForm('message', record('DeviceProcessEvents', { Zebra: 1 })));
      assert.doesNotMatch(far.message, /Did you mean/);
    });
  });
});
