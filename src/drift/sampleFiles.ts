import { learnText } from './learnText';
import type { ShapeLearner } from './shapeLearner';

/** Bounds on a folder of samples read for a drift report. */
export interface SampleLimits {
  /** Sample files read at most (default 500); further ones are counted. */
  readonly maxFiles: number;
  /** Larger files are skipped (default 64 MiB). */
  readonly maxFileBytes: number;
  /** Bytes read at most over all files (default 512 MiB). */
  readonly maxTotalBytes: number;
  /** Sub-folder levels walked (default 8). */
  readonly maxDepth: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = {
  maxFiles: 500,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxDepth: 8,
};

const SAMPLE_NAME = /\.(?:json|ndjson|jsonl)$/i;

/** Whether a file name looks like a sample (JSON or NDJSON). */
export function isSampleFileName(name: string): boolean {
  return SAMPLE_NAME.test(name);
}

/** Folders not worth walking for samples. */
export function isSkippedFolderName(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * What a folder of samples taught a learner, file by file, within the limits: which files were read,
 * and which were skipped and why (for the report's notes).
 */
export class SampleRun {
  files = 0;
  records = 0;
  malformed = 0;
  private bytes = 0;
  private readonly tooLarge: string[] = [];
  private readonly unreadable: string[] = [];
  private beyondCount = 0;
  private beyondBytes = 0;

  constructor(
    readonly learner: ShapeLearner,
    readonly limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
  ) {}

  /** Whether a file of `size` bytes is read; when not, it is counted as skipped. */
  admit(name: string, size: number): boolean {
    if (size > this.limits.maxFileBytes) {
      this.tooLarge.push(name);
      return false;
    }
    if (this.files >= this.limits.maxFiles) {
      this.beyondCount++;
      return false;
    }
    if (this.bytes + size > this.limits.maxTotalBytes) {
      this.beyondBytes++;
      return false;
    }
    this.files++;
    this.bytes += size;
    return true;
  }

  /** Whether no further file will be admitted (the walk can stop). */
  get full(): boolean {
    return this.files >= this.limits.maxFiles;
  }

  learn(name: string, text: string): void {
    const result = learnText(this.learner, text, name);
    this.records += result.records;
    this.malformed += result.malformed;
  }

  failed(name: string): void {
    this.unreadable.push(name);
  }

  /** Notes for the report: files read, and those skipped (a few named). */
  notes(): Array<{ text: string; value?: string }> {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    const out: Array<{ text: string; value?: string }> = [{ text: `${this.files} sample file${this.files === 1 ? '' : 's'} read` }];
    const named = (list: string[], text: string) => {
      for (const name of list.slice(0, 5)) out.push({ text, value: name });
      if (list.length > 5) out.push({ text: `${list.length - 5} more ${text.toLowerCase()}` });
    };
    named(this.tooLarge, `Skipped, over ${mb(this.limits.maxFileBytes)}`);
    named(this.unreadable, 'Could not be read');
    if (this.beyondCount > 0) out.push({ text: `${this.beyondCount} more files skipped: at most ${this.limits.maxFiles} are read` });
    if (this.beyondBytes > 0)
      out.push({ text: `${this.beyondBytes} more files skipped: at most ${mb(this.limits.maxTotalBytes)} are read in all` });
    if (this.malformed > 0) out.push({ text: `${this.malformed} documents or lines held no record (not JSON, or no records)` });
    return out;
  }
}
