import { types } from 'rhea';
import type { Connection, Message } from 'rhea';
import type { HubServerContext } from './context';
import { AmqpRefusal, badRequest, entityNotFound, unauthorized } from './errors';
import type { HubModel } from './hubModel';
import { reply } from './requestResponse';
import { resourceCovers, verifyPolicyToken } from './sas';

const HUB_TYPE = 'com.microsoft:eventhub';
const PARTITION_TYPE = 'com.microsoft:partition';

/** The READ reply for a hub: name, created_at (timestamp), partition_ids (list of string). */
export function hubProperties(hub: HubModel): Record<string, unknown> {
  return {
    name: hub.name,
    created_at: types.wrap_timestamp(hub.createdAt),
    partition_ids: hub.partitionIds,
    georeplication_factor: types.wrap_int(1),
  };
}

/** The READ reply for a partition, with the AMQP types the client passes through (long, string, timestamp, bool). */
export function partitionProperties(hub: HubModel, partitionId: string): Record<string, unknown> {
  const partition = hub.partition(partitionId);
  if (!partition) {
    throw entityNotFound(
      `${hub.name}/Partitions/${partitionId}`,
      `Event hub '${hub.name}' has partitions 0 to ${hub.partitions.length - 1}.`,
    );
  }
  const last = partition.last;
  return {
    name: hub.name,
    partition: partition.partitionId,
    begin_sequence_number: types.wrap_long(partition.beginSequenceNumber),
    last_enqueued_sequence_number: types.wrap_long(partition.lastSequenceNumber),
    last_enqueued_offset: last ? String(last.offset) : '-1',
    last_enqueued_time_utc: types.wrap_timestamp(last ? last.enqueuedTime : 0),
    is_partition_empty: partition.size === 0,
  };
}

/** Answers one `$management` request (operation READ on a hub or a partition). Throws AmqpRefusal. */
export function readProperties(context: HubServerContext, request: Message): Record<string, unknown> {
  const props = (request.application_properties ?? {}) as Record<string, unknown>;
  const name = typeof props.name === 'string' ? props.name : '';
  const token = typeof props.security_token === 'string' ? props.security_token : '';
  const verdict = verifyPolicyToken(token, context.policies);
  if (!verdict.ok) throw unauthorized(`Unauthorized: ${verdict.reason}`);
  if (!resourceCovers(verdict.token.resource, name)) throw unauthorized(`Unauthorized: the token does not grant access to '${name}'.`);
  if (props.operation !== 'READ')
    throw badRequest(`Unsupported $management operation "${String(props.operation)}"; the local hub supports READ.`);
  const hub = context.namespace.hub(name);
  if (!hub) throw entityNotFound(name, `The local namespace has: ${context.namespace.hubNames.join(', ')}.`);
  if (props.type === HUB_TYPE) return hubProperties(hub);
  if (props.type === PARTITION_TYPE) return partitionProperties(hub, String(props.partition ?? ''));
  throw badRequest(`Unsupported $management type "${String(props.type)}".`);
}

export function handleManagementRequest(context: HubServerContext, connection: Connection, request: Message): void {
  try {
    const body = readProperties(context, request);
    reply(connection, request, 200, 'OK', body);
  } catch (error) {
    if (error instanceof AmqpRefusal) reply(connection, request, error.statusCode, error.description, undefined, error.condition);
    else reply(connection, request, 500, 'Internal error in the local hub.');
  }
}
