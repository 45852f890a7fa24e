import type { ConnectionProblem } from '../../hubs/errors';
import type { HubInfo } from '../../hubs/properties';

/** What the tree knows about one hub. Pure: the tree provider keeps one map of these. */
export type HubStatus =
  | { readonly state: 'checking'; readonly previous?: HubInfo }
  | { readonly state: 'connected'; readonly info: HubInfo; readonly at: number }
  | { readonly state: 'error'; readonly problem: ConnectionProblem; readonly at: number };

export type Aggregate = 'checking' | 'connected' | 'error' | 'unknown';

/** A namespace's status from its hubs: an error wins, then checking, then connected. */
export function aggregateStatus(statuses: ReadonlyArray<HubStatus | undefined>): Aggregate {
  if (statuses.some((s) => s?.state === 'error')) return 'error';
  if (statuses.some((s) => s === undefined || s.state === 'checking'))
    return statuses.every((s) => s === undefined) ? 'unknown' : 'checking';
  return statuses.length === 0 ? 'unknown' : 'connected';
}

export function infoOf(status: HubStatus | undefined): HubInfo | undefined {
  if (!status) return undefined;
  if (status.state === 'connected') return status.info;
  if (status.state === 'checking') return status.previous;
  return undefined;
}
