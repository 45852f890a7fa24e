import type { CapacityPlan } from '../../kql/capacityPlan';
import type { MeasureResult } from '../../kql/measureHub';

/** The latest capacity measurement of this window, for "Insert Capacity Estimation Query" with measured sizes. */
export interface LastMeasurement {
  readonly result: MeasureResult;
  readonly plan: CapacityPlan;
}

export class MeasurementState {
  private last: LastMeasurement | undefined;

  get current(): LastMeasurement | undefined {
    return this.last;
  }

  set(measurement: LastMeasurement): void {
    this.last = measurement;
  }
}
