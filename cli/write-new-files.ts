// Writing files that must not exist yet (init's scaffold, init --from-live's manifests): if any
// of them exists, none is written; folders are made first, so that a folder that cannot be made
// leaves every file unwritten too.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath } from '../core/load/load-project.js';
import { UserError } from '../core/model/diagnostics.js';
import { makeDirectory } from '../emulator/make-directory.js';

export interface NewFile {
  /** Relative to the root, POSIX separators. */
  readonly path: string;
  readonly text: string;
}

/** Writes `files` under `root`, all or none; returns their paths as the user should read them (relative to `cwd`). */
export function writeNewFiles(root: string, files: readonly NewFile[], cwd: string, hint: string): string[] {
  const shown = (path: string): string => displayPath(cwd, join(root, path));
  const existing = files.filter((f) => existsSync(join(root, f.path))).map((f) => shown(f.path));
  if (existing.length > 0) {
    throw new UserError('FILE_EXISTS', `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; init never overwrites a file`, { hint });
  }
  for (const dir of [...new Set(files.map((f) => dirname(join(root, f.path))))].sort()) {
    const failed = makeDirectory(dir);
    if (failed) {
      throw new UserError('CANNOT_WRITE', `cannot create the folder ${displayPath(cwd, failed.folder)}: ${failed.code}`, { hint: 'pass a folder you can write to' });
    }
  }
  return files.map((f) => {
    try {
      writeFileSync(join(root, f.path), f.text, { flag: 'wx' });
    } catch (error) {
      throw new UserError('CANNOT_WRITE', `cannot write ${shown(f.path)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { hint: 'pass a folder you can write to' });
    }
    return shown(f.path);
  });
}
