// A cheap test of "did the project's files change": every YAML file's path, size and mtime under
// the project directory. A long-running loop compares it each tick and loads again only when it
// differs (loading parses and validates every manifest).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareStrings } from '../util/canonical-json.js';

const SKIPPED_DIRS = new Set(['node_modules']);

/** Entries the project's manifests are never looked for in: dot-entries and node_modules (loading skips them too). */
export function isSkippedEntry(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

/** Stable for unchanged files; any added, removed, resized or rewritten YAML file changes it. */
export function readManifestSignature(rootDir: string): string {
  const parts: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      parts.push(`${dir}:unreadable`);
      return;
    }
    for (const entry of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedEntry(entry.name)) walk(full);
      } else if (/\.ya?ml$/i.test(entry.name)) {
        try {
          const s = statSync(full);
          parts.push(`${full}:${s.size}:${s.mtimeMs}`);
        } catch {
          parts.push(`${full}:gone`);
        }
      }
    }
  };
  walk(rootDir);
  return parts.join('\n');
}
