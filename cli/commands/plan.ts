import type { CliIo } from '../io.js';
export async function runPlanCommand(_dir: string, _opts: Record<string, unknown>, io: CliIo): Promise<number> {
  io.stderr.write('plan: not built yet\n');
  return 1;
}
