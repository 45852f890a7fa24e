/** Azure clouds and the DNS suffix of their Event Hubs namespaces. */
export interface AzureCloud {
  readonly id: 'public' | 'usGovernment' | 'china';
  readonly label: string;
  readonly serviceBusSuffix: string;
}

export const CLOUDS: readonly AzureCloud[] = [
  { id: 'public', label: 'Azure (commercial, GCC)', serviceBusSuffix: '.servicebus.windows.net' },
  { id: 'usGovernment', label: 'Azure US Government (GCC High, DoD)', serviceBusSuffix: '.servicebus.usgovcloudapi.net' },
  { id: 'china', label: 'Azure China', serviceBusSuffix: '.servicebus.chinacloudapi.cn' },
];

export function cloudOfHost(host: string): AzureCloud | undefined {
  const lower = host.toLowerCase().replace(/:\d+$/, '');
  return CLOUDS.find((c) => lower.endsWith(c.serviceBusSuffix));
}
