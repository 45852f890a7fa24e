// Bundled on its own (dist/lazy/event-hubs.js) and loaded on first use: see esbuild.mjs. It also gives
// the SDK's own rhea-promise (one copy), which src/hubs/clientFactory.ts fixes when it loads the SDK.
export * from '@azure/event-hubs';
export { Receiver } from 'rhea-promise';
