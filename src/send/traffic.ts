import { DefenderTrafficGenerator } from '../traffic';

/**
 * `count` event bodies of demo traffic (`src/traffic`) for the given tables (default: the 30 that reach
 * Event Hubs), each `{"records": [...]}` with 1..8 records of one table, as Defender sends them.
 */
export function trafficBodies(count: number, tables?: readonly string[], seed: number | string = Date.now()): string[] {
  const generator = new DefenderTrafficGenerator({ tables, seed });
  return Array.from({ length: count }, () => {
    const body = generator.message().body;
    return typeof body === 'string' ? body : body.toString('utf8');
  });
}
