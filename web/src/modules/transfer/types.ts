// Shapes served by the transfer endpoints (/api/v1/imports, /api/v1/exports): a job with its
// options, progress (whole percent) and counts.

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'interrupted' | 'reverted' | 'expired';

export interface TransferJob {
  id: string;
  kind: 'import' | 'export';
  object_type: string;
  status: JobStatus;
  options: Record<string, unknown>;
  file_name: string | null;
  actor?: string;
  user_id?: string | null;
  /** Whole percent, 0..100. */
  progress: number;
  total_bytes: number;
  done_bytes: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  message: string | null;
  /** Served by GET /imports/{id}; lists leave it out. */
  error_count?: number;
  created_at: string;
  started_at?: string | null;
  finished_at: string | null;
  reverted_at?: string | null;
}

export interface ImportJob extends TransferJob {
  kind: 'import';
  options: {
    mode?: 'create' | 'update' | 'upsert';
    match?: string;
    dry_run?: boolean;
    atomic?: boolean;
    format?: string;
    mapping?: unknown;
  };
  /** Only in the answer to a revert. */
  reverted?: { removed: number; kept: number; missing: number };
}

export interface ExportJob extends TransferJob {
  kind: 'export';
  options: { format?: string; filter?: unknown; q?: string };
}

/** One line of an import's error report (GET /imports/{id}/errors, CSV). */
export interface ReportRow {
  row: string;
  line: string;
  column: string;
  value: string;
  reason: string;
}
