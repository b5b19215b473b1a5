import type { CliIo } from '../io.js';
export async function runDriftCommand(_dir: string, _opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('drift: not built yet\n');
  return 1;
}
