// Bundled on its own (dist/lazy/event-hubs.js) and loaded on first use: see esbuild.mjs.
export * from '@azure/event-hubs';
