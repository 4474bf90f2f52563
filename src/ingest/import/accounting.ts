/** One rejected row as reported to the user: never the row's content. */
export interface RowRejection {
  row: number;
  field: string;
  reason: string;
}

export interface ImportProgress {
  read: number;
  accepted: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
  /** online-retail only: 'counting' (first pass over invoice ids) then 'importing'. */
  phase: 'counting' | 'importing';
}

export interface ImportResult {
  read: number;
  accepted: number;
  rejected: number;
  /** The first 20 rejections, in file order. */
  rejections: RowRejection[];
  seconds: number;
}

export const MAX_REPORTED_REJECTIONS = 20;

/** Exact row accounting: every row read ends up accepted or rejected, exactly once. */
export class Accounting {
  read = 0;
  accepted = 0;
  rejected = 0;
  readonly rejections: RowRejection[] = [];
  /** Rejections since the last flush, for the store's bounded rejection log. */
  pending: RowRejection[] = [];
  private readonly started = performance.now();

  reject(row: number, field: string, reason: string): void {
    this.rejected++;
    const r = { row, field, reason };
    if (this.rejections.length < MAX_REPORTED_REJECTIONS) this.rejections.push(r);
    if (this.pending.length < 50) this.pending.push(r);
  }

  result(): ImportResult {
    return {
      read: this.read,
      accepted: this.accepted,
      rejected: this.rejected,
      rejections: this.rejections,
      seconds: Math.round((performance.now() - this.started) / 10) / 100,
    };
  }
}
