export declare const AZURITE_HOST: string;
export declare const AZURITE_PORT: number;
export declare const AZURITE_GET_HINT: string;
export declare function isListening(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export interface DemoAzurite {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  readonly endpoint: string;
  /** Started by the demo (stopped by `stop()`), or one that was already running (left alone). */
  readonly started: boolean;
  stop(): Promise<void>;
}
export declare function ensureAzurite(options?: {
  readonly root?: string;
  readonly port?: number;
  readonly log?: (line: string) => void;
  readonly timeoutMs?: number;
}): Promise<DemoAzurite | undefined>;
