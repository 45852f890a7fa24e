/** What a link address names. Addresses may come with an `amqps://host/` or `sb://host/` prefix. */
export type LinkAddress =
  | { readonly kind: 'cbs' }
  | { readonly kind: 'management' }
  | { readonly kind: 'publish'; readonly hub: string; readonly partitionId?: string }
  | { readonly kind: 'consume'; readonly hub: string; readonly consumerGroup: string; readonly partitionId: string }
  | { readonly kind: 'unknown'; readonly address: string };

export function parseAddress(raw: string | undefined | null): LinkAddress {
  const address = (raw ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i, '').replace(/^\/+|\/+$/g, '');
  if (address === '$cbs') return { kind: 'cbs' };
  // The management node is "$management" (some clients use "<hub>/$management").
  if (address === '$management' || address.endsWith('/$management')) return { kind: 'management' };
  const parts = address.split('/');
  if (parts.length === 1 && parts[0] !== '') return { kind: 'publish', hub: parts[0] };
  if (parts.length === 3 && parts[1].toLowerCase() === 'partitions') return { kind: 'publish', hub: parts[0], partitionId: parts[2] };
  if (parts.length === 5 && parts[1].toLowerCase() === 'consumergroups' && parts[3].toLowerCase() === 'partitions') {
    return { kind: 'consume', hub: parts[0], consumerGroup: parts[2], partitionId: parts[4] };
  }
  return { kind: 'unknown', address };
}

/** The entity path a token must cover for a link (compared by `resourceCovers`). */
export function entityPath(address: LinkAddress): string {
  switch (address.kind) {
    case 'publish':
      return address.partitionId === undefined ? address.hub : `${address.hub}/Partitions/${address.partitionId}`;
    case 'consume':
      return `${address.hub}/ConsumerGroups/${address.consumerGroup}/Partitions/${address.partitionId}`;
    default:
      return '';
  }
}
