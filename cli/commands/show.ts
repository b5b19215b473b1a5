import type { CliIo } from '../io.js';
export async function runShowCommand(_file: string, _opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('show: not built yet\n');
  return 1;
}
