import type { PageToHost, PersistedPageState } from '../../liveTail/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The page's side of the channel: typed posts and the persisted state. `acquireVsCodeApi` may be called once. */
export interface PageChannel {
  post(message: PageToHost): void;
  getState(): unknown;
  setState(state: PersistedPageState): void;
}

export function acquireChannel(): PageChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
