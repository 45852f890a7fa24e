/**
 * Where a Microsoft Graph token may go. Advanced Hunting through Graph runs in the global service and
 * the US Government L4/L5 clouds (each with its own Graph host), not in Azure China. Only these hosts,
 * over https, are accepted; plain http only on loopback (the tests' local server).
 */
export const GRAPH_HOSTS = {
  global: 'https://graph.microsoft.com',
  usGovL4: 'https://graph.microsoft.us',
  usGovL5: 'https://dod-graph.microsoft.us',
} as const;

export type GraphCloud = keyof typeof GRAPH_HOSTS;

export const DEFAULT_GRAPH_ENDPOINT = GRAPH_HOSTS.global;

const CHINA_HOSTS = new Set(['microsoftgraph.chinacloudapi.cn', 'graph.chinacloudapi.cn']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const KNOWN = new Map(Object.entries(GRAPH_HOSTS).map(([cloud, url]) => [new URL(url).host, cloud as GraphCloud]));

export class GraphEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphEndpointError';
  }
}

export interface GraphEndpoint {
  /** The origin requests go to, e.g. `https://graph.microsoft.com` (no trailing slash). */
  readonly origin: string;
  /** The cloud of a known Graph host; undefined for a loopback test server. */
  readonly cloud?: GraphCloud;
  /** The scope a token for this endpoint is asked with (`<Graph host>/.default`; global for loopback). */
  readonly scope: string;
}

/**
 * Checks a configured Graph endpoint: one of the known Graph hosts over https (a bare origin, optionally
 * with a trailing slash), or a loopback address. Anything else is refused with a message that says why,
 * so a token is never sent to a host the user did not mean.
 */
export function resolveGraphEndpoint(text: string | undefined): GraphEndpoint {
  const raw = (text ?? '').trim() || DEFAULT_GRAPH_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GraphEndpointError(`The Graph endpoint is not a URL. Use one of ${Object.values(GRAPH_HOSTS).join(', ')}.`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    throw new GraphEndpointError(`The Graph endpoint must be a bare host such as ${DEFAULT_GRAPH_ENDPOINT} (no path, query or user name).`);
  const host = url.hostname.toLowerCase();
  if (CHINA_HOSTS.has(host))
    throw new GraphEndpointError('Advanced Hunting through Microsoft Graph is not available in the Azure China cloud (21Vianet).');
  if (LOOPBACK.has(host)) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GraphEndpointError('The Graph endpoint must use https.');
    return { origin: url.origin, scope: `${GRAPH_HOSTS.global}/.default` };
  }
  const cloud = KNOWN.get(url.host.toLowerCase());
  if (!cloud || url.protocol !== 'https:')
    throw new GraphEndpointError(
      `"${raw.slice(0, 100)}" is not a Microsoft Graph host that runs Advanced Hunting. Use ${GRAPH_HOSTS.global} (global), ${GRAPH_HOSTS.usGovL4} (US Government L4) or ${GRAPH_HOSTS.usGovL5} (US Government L5/DoD), over https.`,
    );
  return { origin: GRAPH_HOSTS[cloud], cloud, scope: `${GRAPH_HOSTS[cloud]}/.default` };
}

/** A tenant ID (GUID) or a verified domain name, as Microsoft sign-in accepts it. */
const TENANT =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/i;

/** The tenant to sign in to: undefined for the account's default; an invalid value is an error, never ignored. */
export function checkGraphTenant(text: string | undefined): string | undefined {
  const tenant = (text ?? '').trim();
  if (!tenant) return undefined;
  if (!TENANT.test(tenant))
    throw new GraphEndpointError(
      `The setting defenderStream.graph.tenant ("${tenant.slice(0, 80)}") is not a tenant ID (a GUID) or a domain name such as contoso.onmicrosoft.com. Correct it in your user settings, or clear it to sign in to your account's default tenant.`,
    );
  return tenant;
}

export const GRAPH_CLOUD_LABELS: Readonly<Record<GraphCloud, string>> = {
  global: 'Global service (graph.microsoft.com)',
  usGovL4: 'US Government L4 / GCC High (graph.microsoft.us)',
  usGovL5: 'US Government L5 / DoD (dod-graph.microsoft.us)',
};

/**
 * The Graph clouds the hubs' namespaces point to when `defenderStream.graph.endpoint` is not set: a
 * commercial namespace (`.servicebus.windows.net`) → global; a US Government one
 * (`.servicebus.usgovcloudapi.net`) → L4 or L5, which its host cannot tell apart; loopback and unknown
 * hosts (the demo hub) say nothing. None → global. More than one: the caller asks. An Azure China
 * namespace is an error: Advanced Hunting is not in Graph there.
 */
export function graphCloudsForHubs(namespaceHosts: readonly string[]): GraphCloud[] {
  const clouds = new Set<GraphCloud>();
  for (const raw of namespaceHosts) {
    const host = raw.toLowerCase().replace(/:\d+$/, '');
    if (host.endsWith('.servicebus.windows.net')) clouds.add('global');
    else if (host.endsWith('.servicebus.usgovcloudapi.net')) {
      clouds.add('usGovL4');
      clouds.add('usGovL5');
    } else if (host.endsWith('.servicebus.chinacloudapi.cn') && namespaceHosts.length === 1)
      throw new GraphEndpointError(
        `The hub's namespace (${host}) is in Azure China, where Advanced Hunting is not available through Microsoft Graph.`,
      );
  }
  return clouds.size === 0 ? ['global'] : (Object.keys(GRAPH_HOSTS) as GraphCloud[]).filter((c) => clouds.has(c));
}
