// Terraform's confirmation: only the exact word "yes" approves.
import { createInterface } from 'node:readline';
import type { CliIo } from './io.js';

export const APPROVAL_QUESTION =
  'Do you want to perform these actions?\n' +
  '  stageform will perform the actions described above.\n' +
  "  Only 'yes' will be accepted to approve.\n\n" +
  '  Enter a value: ';

/** True only when the user typed `yes`; false on anything else, end of input or an abort. */
export async function askApproval(io: CliIo, signal?: AbortSignal): Promise<boolean> {
  const input = io.stdin;
  if (!input) return false;
  io.stdout.write(APPROVAL_QUESTION);
  const rl = createInterface({ input, terminal: false });
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('line', (line) => resolve(line));
      rl.once('close', () => resolve(undefined));
      signal?.addEventListener('abort', () => resolve(undefined), { once: true });
    });
    io.stdout.write('\n');
    return answer?.trim() === 'yes';
  } finally {
    rl.close();
  }
}
