export {
  DefenderTrafficGenerator,
  DEFAULT_TABLE_WEIGHTS,
  DEFAULT_RECORDS_PER_MESSAGE,
  DRIFT_COLUMNS,
  NOT_STREAMED_COLUMNS,
  resolveTables,
} from './generator';
export { UNKNOWN_TABLE } from './badMessages';
export { startTraffic } from './pump';
export type { TrafficHandle, TrafficOptions, TrafficStats } from './pump';
export { Prng } from './prng';
export { HOSTILE_STRINGS, veryLongString } from './hostileStrings';
export { BAD_MESSAGE_KINDS } from './types';
export type { BadMessageKind, GeneratedMessage, GeneratedRecord, GeneratorOptions } from './types';
