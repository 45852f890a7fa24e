import assert from 'node:assert/strict';
import { ByteArena } from '../../../src/tail/byteArena';

describe('tail/ByteArena', () => {
  const piece = (arena: ByteArena, source: Buffer, start: number, end: number) => {
    const store = arena.copy(source, start, end);
    return { store, offset: arena.offset, text: store.toString('utf8', arena.offset, arena.offset + end - start) };
  };

  it('copies ranges: equal bytes that do not change when the source does', () => {
    const arena = new ByteArena();
    const source = Buffer.from('{"records":[{"a":1},{"b":"é"}]}');
    const a = piece(arena, source, 12, 19);
    const b = piece(arena, source, 20, source.length - 2);
    assert.equal(a.text, '{"a":1}');
    assert.equal(b.text, '{"b":"é"}');
    source.fill(0);
    assert.equal(a.store.toString('utf8', a.offset, a.offset + 7), '{"a":1}', 'a copy, not a view of the source');
    assert.notEqual(a.store.buffer, source.buffer);
  });

  it('packs small copies into a shared 64 KB slab, starts a new slab when full, and gives large ones their own', () => {
    const arena = new ByteArena();
    const source = Buffer.alloc(40_000, 0x61);
    const first = piece(arena, source, 0, 1000);
    const second = piece(arena, source, 0, 1000);
    assert.equal(first.store, second.store, 'same slab');
    assert.equal(first.store.length, 64 * 1024);
    assert.equal(second.offset, first.offset + 1000, 'one after another');
    let last = second;
    for (let i = 0; i < 70; i++) last = piece(arena, source, 0, 1000);
    assert.notEqual(last.store, first.store, 'a new slab once the first is full');
    assert.equal(first.text, 'a'.repeat(1000), 'earlier copies stay intact in their slab');
    const big = piece(arena, source, 0, 20_000);
    assert.equal(big.store.length, 20_000, 'its own allocation');
    assert.equal(big.offset, 0);
  });
});
