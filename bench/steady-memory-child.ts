// One steady-memory reading for bench/reconcile-bench.ts, in a process of its own:
// `node --expose-gc steady-memory-child.js DIR TICKS READINGS` runs the loop TICKS ticks on a
// 10-stage world, then prints {"rssMb": median, "readingsMb": [...]} as one JSON line.
import { setTimeout as sleep } from 'node:timers/promises';
import { median } from './floor.js';
import { worldFor } from './project.js';
import { runSimulatedLoop } from './simulated-loop.js';

async function main(argv: readonly string[]): Promise<number> {
  const [dir, ticksText, readingsText] = argv;
  const ticks = Number(ticksText);
  const readings = Number(readingsText ?? 5);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!dir || !(ticks > 0) || !(readings > 0)) {
    process.stderr.write('usage: steady-memory-child.js DIR TICKS [READINGS]\n');
    return 2;
  }
  if (typeof gc !== 'function') {
    process.stderr.write('steady-memory-child.js needs node --expose-gc\n');
    return 2;
  }
  const handle = await worldFor(dir, { stages: 10, compositions: 5 }, true, 'skip');
  try {
    await runSimulatedLoop({ handle, dir, maxTicks: ticks });
    const readingsMb: number[] = [];
    for (let i = 0; i < readings; i++) {
      // Two full collections with a turn of the event loop between them, so finalizers and
      // sockets closed by the last tick are released before RSS is read.
      gc();
      await sleep(20);
      gc();
      readingsMb.push(process.memoryUsage().rss / (1024 * 1024));
    }
    process.stdout.write(JSON.stringify({ rssMb: median(readingsMb), readingsMb }) + '\n');
    return 0;
  } finally {
    await handle.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`steady-memory-child failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
