import type { CliIo } from '../io.js';
export async function runApplyCommand(_target: string, _opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('apply: not built yet\n');
  return 1;
}
