import type { CapacityPlan } from '../../capacity/capacityPlan';
import type { MeasureResult } from '../../capacity/measureHub';

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
