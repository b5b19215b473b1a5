// `stageform local serve` records where it listens in `.stageform/` of the directory it runs in,
// so `stageform local admin` there acts on that running emulator and not on a world of its own.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/model/diagnostics.js';
import { LOCAL_STATE_DIR } from '../emulator/index.js';
import { makeDirectory } from '../emulator/make-directory.js';

export const SERVE_RECORD_FILE = 'emulator-serve.json';

export interface ServeRecord {
  readonly kind: 'stageform-emulator-serve';
  readonly pid: number;
  /** Where the emulator answers, API and admin API (`/_emulator/`) alike. */
  readonly endpoint: string;
}

export function serveRecordPath(dir: string): string {
  return join(dir, LOCAL_STATE_DIR, SERVE_RECORD_FILE);
}

/**
 * Writes the record (to a temporary file renamed over the old one: a reader never sees half of
 * it) and returns what removes it again, unless another serve has recorded itself since.
 */
export function recordServe(dir: string, endpoint: string, pid = process.pid): () => void {
  const file = serveRecordPath(dir);
  const record: ServeRecord = { kind: 'stageform-emulator-serve', pid, endpoint };
  const failed = makeDirectory(join(dir, LOCAL_STATE_DIR));
  if (failed) throw new UserError('CANNOT_WRITE', `cannot create the folder ${failed.folder}: ${failed.code}`, { hint: 'run it in a project folder you can write to' });
  writeFileSync(`${file}.${pid}.tmp`, JSON.stringify(record, null, 2) + '\n');
  renameSync(`${file}.${pid}.tmp`, file);
  return () => {
    if (readServeRecord(dir)?.pid !== pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to forget.
    }
  };
}

/** The record in `dir`, or undefined when there is none (or it is not one of ours). */
export function readServeRecord(dir: string): ServeRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(serveRecordPath(dir), 'utf8'));
  } catch {
    return undefined;
  }
  const record = value as Partial<ServeRecord> | null;
  if (record?.kind !== 'stageform-emulator-serve' || typeof record.endpoint !== 'string' || typeof record.pid !== 'number') return undefined;
  return record as ServeRecord;
}
