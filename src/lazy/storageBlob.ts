// Bundled on its own (dist/lazy/storage-blob.js) and loaded on first use: see esbuild.mjs.
export * from '@azure/storage-blob';
