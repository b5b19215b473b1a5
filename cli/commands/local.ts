import type { CliIo } from '../io.js';
export async function runLocalServeCommand(_opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('local serve: not built yet\n');
  return 1;
}
export async function runLocalAdminCommand(_action: string, _args: string[], _opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('local admin: not built yet\n');
  return 1;
}
