import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TABLES } from '../../../src/core/catalog/schemaCatalog';
import { ALL_CODES } from '../../../src/validation/codes';
import { buildEnvelopeSchema } from '../../../src/validation/envelopeSchema';

const root = path.resolve(__dirname, '..', '..', '..');
const schemaFile = path.join(root, 'schemas', 'defender-message.schema.json');

describe('validation: contributed JSON schema and documented codes', () => {
  it('schemas/defender-message.schema.json matches the catalog (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const expected = `${JSON.stringify(buildEnvelopeSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(schemaFile, expected);
    assert.equal(readFileSync(schemaFile, 'utf8'), expected);
  });

  it('package.json contributes the schema for *.defender.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation?: Array<{ fileMatch: string[]; url: string }> };
    };
    const entry = manifest.contributes.jsonValidation?.find((e) => e.url === './schemas/defender-message.schema.json');
    assert.ok(entry);
    assert.deepEqual(entry.fileMatch, ['*.defender.json']);
  });

  it("the schema offers every table category and each table's columns", () => {
    const schema = buildEnvelopeSchema() as {
      definitions: { record: { properties: { category: { examples: string[] } }; allOf: unknown[] } };
    };
    const record = schema.definitions.record;
    for (const table of TABLES) assert.ok(record.properties.category.examples.includes(table.category));
    assert.equal(record.allOf.length, TABLES.length);
  });

  it('docs/validation-codes.md documents every code with its severity', () => {
    const doc = readFileSync(path.join(root, 'docs', 'validation-codes.md'), 'utf8');
    const codes = new Set<string>();
    for (const info of ALL_CODES) {
      assert.ok(!codes.has(info.code), `duplicate ${info.code}`);
      codes.add(info.code);
      assert.match(doc, new RegExp(`\\| ${info.code} \\| \`${info.name}\` \\| ${info.severity} \\|`), info.code);
    }
  });
});
