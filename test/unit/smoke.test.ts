import assert from 'node:assert/strict';
import { TABLES } from '../../src/core/catalog/schemaCatalog';

describe('catalog', () => {
  it('has 21 tables', () => assert.equal(TABLES.length, 21));
});
