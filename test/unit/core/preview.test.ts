import assert from 'node:assert/strict';
import { bytesPreview, printablePreview } from '../../../src/core/decode/preview';

describe('core/decode/preview', () => {
  describe('printablePreview', () => {
    it('keeps ordinary text, including non-Latin letters and emoji', () => {
      assert.equal(printablePreview('DeviceName: ws-001 — résumé 文件 🙂'), 'DeviceName: ws-001 — résumé 文件 🙂');
    });

    it('escapes newlines, tabs and carriage returns readably', () => {
      assert.equal(printablePreview('a\nb\tc\rd'), 'a\\nb\\tc\\rd');
    });

    it('escapes other control characters, DEL and C1 controls', () => {
      assert.equal(printablePreview('\u0000\u0007\u001b[31m\u007f\u0085\u009b'), '\\u0000\\u0007\\u001b[31m\\u007f\\u0085\\u009b');
    });

    it('escapes bidirectional overrides, isolates and marks', () => {
      const evil = 'invoice\u202Egpj.exe \u202A\u202B\u202C\u202D \u2066\u2067\u2068\u2069 \u200E\u200F\u061C';
      const out = printablePreview(evil);
      assert.equal(out, 'invoice\\u202egpj.exe \\u202a\\u202b\\u202c\\u202d \\u2066\\u2067\\u2068\\u2069 \\u200e\\u200f\\u061c');
      assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(out));
    });

    it('escapes zero-width characters, line/paragraph separators and the BOM', () => {
      assert.equal(printablePreview('a\u200Bb\u2028c\u2029d\uFEFFe\u2060f'), 'a\\u200bb\\u2028c\\u2029d\\ufeffe\\u2060f');
    });

    it('cuts at the maximum and marks the cut', () => {
      assert.equal(printablePreview('x'.repeat(250)), `${'x'.repeat(200)}…`);
      assert.equal(printablePreview('x'.repeat(200)), 'x'.repeat(200));
      assert.equal(printablePreview('abcdef', 3), 'abc…');
    });

    it('does not cut a surrogate pair in half', () => {
      const out = printablePreview(`ab🙂cd`, 3);
      assert.equal(out, 'ab…');
      assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(out));
    });

    it('returns "" for ""', () => {
      assert.equal(printablePreview(''), '');
    });
  });

  describe('bytesPreview', () => {
    it('shows UTF-8 text as printable text', () => {
      assert.equal(bytesPreview(Buffer.from('{"records":\n[]}')), '{"records":\\n[]}');
    });

    it('shows binary data as hex with its size', () => {
      assert.equal(bytesPreview(Uint8Array.from([0, 1, 2, 255])), 'binary (4 bytes): 00 01 02 ff');
    });

    it('shows at most 48 bytes of hex and marks the rest', () => {
      const bytes = new Uint8Array(100);
      const out = bytesPreview(bytes);
      assert.ok(out.startsWith('binary (100 bytes): 00 00'));
      assert.ok(out.endsWith(' …'));
      assert.equal(out.split(' ').filter((p) => p === '00').length, 48);
    });

    it('cuts long text at the maximum and marks the cut once', () => {
      const out = bytesPreview(Buffer.from('y'.repeat(300)));
      assert.equal(out, `${'y'.repeat(200)}…`);
    });

    it('escapes bidi overrides in text bytes too', () => {
      assert.equal(bytesPreview(Buffer.from('a\u202Eb')), 'a\\u202eb');
    });

    it('reads a view into a larger buffer correctly', () => {
      const all = Buffer.from('xxhelloxx');
      assert.equal(bytesPreview(new Uint8Array(all.buffer, all.byteOffset + 2, 5)), 'hello');
    });
  });
});
