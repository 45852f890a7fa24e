// Bundled on its own (dist/lazy/identity.js) and loaded on first use: see esbuild.mjs.
export * from '@azure/identity';
