// Bundled on its own (dist/lazy/event-hubs.js) and loaded on first use: see esbuild.mjs. Every load of
// the SDK goes through here (src/hubs/clientFactory.ts), so the AMQP fix below always applies.
import '../hubs/amqpLinkAddressFix';
export * from '@azure/event-hubs';
