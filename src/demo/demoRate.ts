import { clampSetting, NUMBER_SETTINGS } from '../config/settings';

/** The range of `defenderStream.demo.rate` (records per second), as package.json declares it. */
export const DEMO_RATE_MIN = NUMBER_SETTINGS.demoRate.minimum;
export const DEMO_RATE_MAX = NUMBER_SETTINGS.demoRate.maximum;
export const DEMO_RATE_DEFAULT = NUMBER_SETTINGS.demoRate.default;

/**
 * A demo rate within its range: settings can hold anything (a hand-edited settings.json is not checked
 * against the schema), and the traffic pump would try to generate whatever it is given.
 * Not a finite number: the default.
 */
export function clampDemoRate(value: unknown): number {
  return clampSetting(NUMBER_SETTINGS.demoRate, value);
}
