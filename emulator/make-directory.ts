// mkdir -p that cannot hang. Here, not in the CLI, because the emulator (which imports nothing of
// the CLI or core) makes its state folder too; the CLI's commands call the same function.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * mkdir -p, one level at a time below the deepest path that exists; the folder it could not make,
 * and why, or undefined. Not mkdirSync's `recursive`: where mkdir answers ENOENT although the parent
 * exists (under /proc, below a dangling symlink), Node's recursive mkdir makes the parent again and
 * retries, forever.
 */
export function makeDirectory(dir: string): { folder: string; code: string } | undefined {
  const missing: string[] = [];
  for (let at = dir; !exists(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      return { folder, code: (error as NodeJS.ErrnoException).code ?? 'error' };
    }
  }
  return undefined;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
