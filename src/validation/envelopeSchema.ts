import { TABLES, DECORATION_COLUMNS, streamStatusLabel, type ColumnDef } from '../core/catalog/schemaCatalog';

/**
 * The JSON Schema behind `contributes.jsonValidation` for `*.defender.json` (schemas/defender-message.schema.json,
 * kept in sync by a unit test). It gives completion and hover for the envelope, the categories of every
 * catalog table (streamed ones first) and each table's columns, and says each table's stream status. It deliberately states no types, `required` or enums: real data deviates from the
 * documentation, and the validator (with its calibrated severity policy) is the one that judges values.
 */
export function buildEnvelopeSchema(): Record<string, unknown> {
  const columnSchema = (column: ColumnDef, table: string): Record<string, unknown> => ({
    description: `${column.type} column of ${table}`,
  });
  const perTable = TABLES.map((table) => ({
    if: { properties: { category: { const: table.category } }, required: ['category'] },
    then: {
      properties: {
        properties: {
          description: `A row of ${table.name} (${streamStatusLabel(table.streamStatus)}): column name to value.`,
          properties: Object.fromEntries([...table.columns, ...DECORATION_COLUMNS].map((c) => [c.name, columnSchema(c, table.name)])),
        },
      },
    },
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://defender-stream.invalid/schemas/defender-message.schema.json',
    title: 'Microsoft Defender XDR streaming message',
    $comment:
      'Generated from the catalog by buildEnvelopeSchema() in src/validation/envelopeSchema.ts; regenerate with UPDATE_SCHEMAS=1 and the validation unit tests.',
    description: 'An Event Hubs message body {"records": [...]}, a single record, or an array of records, as Defender XDR streams them.',
    anyOf: [
      { $ref: '#/definitions/message' },
      { $ref: '#/definitions/record' },
      { type: 'array', items: { $ref: '#/definitions/record' } },
    ],
    definitions: {
      message: {
        type: 'object',
        description: 'One Event Hubs message body as Defender writes it.',
        properties: {
          records: { type: 'array', description: 'The records of this message.', items: { $ref: '#/definitions/record' } },
        },
      },
      record: {
        type: 'object',
        description: 'One streamed record: an Advanced Hunting row with its envelope.',
        properties: {
          time: {
            description: 'When Defender received the event: ISO 8601 UTC, e.g. "2024-05-01T10:20:30.1234567Z".',
            examples: ['2024-05-01T10:20:30.1234567Z'],
          },
          tenantId: { description: 'The Microsoft Entra tenant ID (a GUID).' },
          category: {
            description: '"AdvancedHunting-<Table>": the Advanced Hunting table of this row.',
            examples: TABLES.map((t) => t.category),
          },
          properties: { type: 'object', description: 'The Advanced Hunting row: column name to value.' },
          Tenant: { description: 'Added by the streaming service, e.g. "DefaultTenant".' },
          operationName: { description: 'Added by the streaming service: "Publish".' },
          _TimeReceivedBySvc: { description: 'Added by the streaming service.' },
        },
        allOf: perTable,
      },
    },
  };
}
