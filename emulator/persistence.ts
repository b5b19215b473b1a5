// The state file (atomic writes, a format marker, clear errors) and the inter-process lock that keeps
// two `--local` runs on one project from clobbering each other's state.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmulatorLockError, EmulatorStateError } from './errors.js';
import { makeDirectory } from './make-directory.js';
import { checkSnapshot } from './snapshot.js';
import type { WorldState } from './world-state.js';

/** Reads a state file; undefined when there is none yet. */
export function readStateFile(file: string): WorldState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmulatorStateError(file, `cannot read the emulator state file (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EmulatorStateError(file, 'the emulator state file is not valid JSON (corrupt?)');
  }
  const checked = checkSnapshot(parsed);
  if ('problem' in checked) throw new EmulatorStateError(file, checked.problem);
  return checked.state;
}

/** Writes to a temporary file, flushes it to disk and renames it over the old one: a crash leaves old or new, never half. */
export function writeStateFile(file: string, state: WorldState): void {
  makeStateFolder(file);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(state, null, 1) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** The folder a state or lock file goes in (not Node's recursive mkdir: it loops forever under /proc). */
function makeStateFolder(file: string): void {
  const failed = makeDirectory(dirname(file));
  if (failed) throw new EmulatorStateError(file, `cannot create the folder ${failed.folder}: ${failed.code}`, 'use a project folder (or --state path) you can write to');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (O_EXCL file holding our pid); a lock left by a dead process is taken over. */
export async function acquireLock(lockFile: string, timeoutMs = 30_000, pollMs = 100): Promise<() => void> {
  makeStateFolder(lockFile);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number | undefined;
    try {
      holder = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
    } catch {
      holder = undefined;
    }
    if (holder !== undefined && Number.isInteger(holder) && holder !== process.pid && !isAlive(holder)) {
      // Stale: its process is gone. Remove it and race for it again.
      try {
        unlinkSync(lockFile);
      } catch {
        // Someone else took it over first.
      }
      continue;
    }
    if (holder === undefined || Number.isNaN(holder)) {
      // Being written right now, or garbage: give the writer a moment, then treat as stale.
      if (existsSync(lockFile) && Date.now() + pollMs > deadline) {
        try {
          unlinkSync(lockFile);
        } catch {
          // ignore
        }
        continue;
      }
    }
    if (Date.now() >= deadline) throw new EmulatorLockError(lockFile, holder);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
