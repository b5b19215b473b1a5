import type { CliIo } from '../io.js';
export async function runValidateCommand(_paths: string[], _opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('validate: not built yet\n');
  return 1;
}
