/**
 * Every `defenderStream.*` setting, read in one place with its default and its range. Settings can
 * hold anything (a hand-edited settings.json is not checked against the schema), so each value is
 * checked and clamped here; callers get typed values. Plain TypeScript: the VS Code side only supplies
 * a `SettingsSource`.
 */

/** Where values come from: the merged value, or the user's own value for the user-only settings. */
export interface SettingsSource {
  /** The effective value (user, workspace and folder settings merged). */
  get(key: string): unknown;
  /** The user-settings value only: what a workspace sets is ignored. */
  user(key: string): unknown;
}

export type StartSetting = 'latest' | 'earliest' | 'last15Minutes' | 'lastHour' | 'ask';

export interface ExtensionSettings {
  /** Seconds between automatic refreshes of the hubs tree; 0 is off (user settings only). */
  readonly refreshIntervalSeconds: number;
  readonly tail: {
    readonly bufferSize: number;
    readonly bufferBytes: number;
    readonly maxBatchSize: number;
    readonly reconnectTimeoutMs: number;
    readonly startPosition: StartSetting;
  };
  readonly editorTail: { readonly maxLines: number };
  readonly validation: { readonly enabled: boolean; readonly include: readonly string[] };
  readonly demo: { readonly rate: number };
  /** Storage-account blobs opened as documents: at most this many lines (the first ones). */
  readonly storage: { readonly openMaxLines: number };
  /** Advanced Hunting through Microsoft Graph (user settings only: they decide where a token goes). */
  /** As the user set them (trimmed; undefined when not set): src/graph/graphEndpoint.ts checks them before use. */
  readonly graph: { readonly endpoint?: string; readonly tenant?: string };
}

interface NumberSetting {
  readonly key: string;
  readonly default: number;
  readonly minimum: number;
  readonly maximum?: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** 0 means "off" and is kept even below the minimum. */
  readonly zeroIsOff?: boolean;
}

/** The numeric settings: their ranges are package.json's (a unit test keeps the two the same). */
export const NUMBER_SETTINGS = {
  refreshInterval: { key: 'refreshInterval', default: 0, minimum: 5, maximum: 86_400, zeroIsOff: true },
  bufferSize: { key: 'tail.bufferSize', default: 10_000, minimum: 100, maximum: 1_000_000, integer: true },
  bufferMegabytes: { key: 'tail.bufferMegabytes', default: 256, minimum: 16, maximum: 4096, integer: true },
  maxBatchSize: { key: 'tail.maxBatchSize', default: 300, minimum: 1, maximum: 5000, integer: true },
  reconnectTimeout: { key: 'tail.reconnectTimeout', default: 60, minimum: 5, maximum: 3600 },
  editorTailMaxLines: { key: 'editorTail.maxLines', default: 5000, minimum: 100, maximum: 1_000_000, integer: true },
  demoRate: { key: 'demo.rate', default: 50, minimum: 0, maximum: 20_000 },
  storageOpenMaxLines: { key: 'storage.openMaxLines', default: 10_000, minimum: 100, maximum: 1_000_000, integer: true },
} as const satisfies Record<string, NumberSetting>;

/** Settings a workspace must not choose: they decide where a credential goes or when it is sent. */
export const USER_ONLY_SETTINGS: readonly string[] = [
  'hubs',
  NUMBER_SETTINGS.refreshInterval.key,
  'graph.endpoint',
  'graph.tenant',
  'storageAccounts',
];

const START_SETTINGS: readonly StartSetting[] = ['latest', 'earliest', 'last15Minutes', 'lastHour', 'ask'];
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.defender.json', '**/*.defender.ndjson'];

/** A number setting within its range; anything that is not a finite number gives the default. */
export function clampSetting(setting: NumberSetting, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return setting.default;
  if (setting.zeroIsOff && value <= 0) return 0;
  const rounded = setting.integer ? Math.round(value) : value;
  return Math.min(setting.maximum ?? Number.MAX_SAFE_INTEGER, Math.max(setting.minimum, rounded));
}

export function readSettings(source: SettingsSource): ExtensionSettings {
  const num = (s: NumberSetting, user = false) => clampSetting(s, user ? source.user(s.key) : source.get(s.key));
  const start = source.get('tail.startPosition');
  const include = source.get('validation.include');
  const enabled = source.get('validation.enabled');
  const graphEndpoint = source.user('graph.endpoint');
  const tenant = source.user('graph.tenant');
  return {
    refreshIntervalSeconds: num(NUMBER_SETTINGS.refreshInterval, true),
    tail: {
      bufferSize: num(NUMBER_SETTINGS.bufferSize),
      bufferBytes: num(NUMBER_SETTINGS.bufferMegabytes) * 1024 * 1024,
      maxBatchSize: num(NUMBER_SETTINGS.maxBatchSize),
      reconnectTimeoutMs: Math.round(num(NUMBER_SETTINGS.reconnectTimeout) * 1000),
      startPosition: START_SETTINGS.includes(start as StartSetting) ? (start as StartSetting) : 'latest',
    },
    editorTail: { maxLines: num(NUMBER_SETTINGS.editorTailMaxLines) },
    validation: {
      enabled: typeof enabled === 'boolean' ? enabled : true,
      include: Array.isArray(include)
        ? include.filter((g): g is string => typeof g === 'string' && g.length > 0 && g.length <= 1000).slice(0, 100)
        : DEFAULT_INCLUDE,
    },
    demo: { rate: num(NUMBER_SETTINGS.demoRate) },
    storage: { openMaxLines: num(NUMBER_SETTINGS.storageOpenMaxLines) },
    graph: {
      endpoint: typeof graphEndpoint === 'string' && graphEndpoint.trim() ? graphEndpoint.trim() : undefined,
      tenant: typeof tenant === 'string' && tenant.trim() ? tenant.trim() : undefined,
    },
  };
}
