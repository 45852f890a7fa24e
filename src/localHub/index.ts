export {
  startLocalHub,
  LocalHubServer,
  DEFAULT_KEY_NAME,
  DEFAULT_MAX_BYTES_PER_PARTITION,
  DEFAULT_MAX_EVENTS_PER_PARTITION,
} from './server';
export { DEFAULT_LIMITS, localHubConnectionCount } from './limits';
export type { LocalHubLimits } from './limits';
export { DEFAULT_CONSUMER_GROUP, DEFAULT_PARTITION_COUNT } from './hubModel';
export { createSasToken, verifySasToken } from './sas';
export type { LocalEvent, LocalHub, LocalHubDefinition, LocalHubDiagnostics, LocalHubOptions } from './types';
