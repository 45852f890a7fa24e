export { DemoHubService, DEMO_CONFIG_ID, DEMO_CONSUMER_GROUP, DEMO_LABEL, DEMO_PER_TABLE, DEMO_SINGLE_HUB } from './demoHubService';
export type { DemoHubOptions, RunningDemo } from './demoHubService';
export { DEMO_RATE_DEFAULT, DEMO_RATE_MAX, DEMO_RATE_MIN, clampDemoRate } from './demoRate';
