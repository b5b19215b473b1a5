// Each kind of drift made the way it happens in IVS (the emulator's own fault and idle rules),
// then found by `stageform drift --json` in-process.
import { expect } from 'chai';
import { runDriftCommand } from '../cli/commands/drift.js';
import type { CliIo } from '../cli/io.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import type { Emulator, EmulatorHandle } from '../emulator/index.js';
import { REGION } from './helpers/builders.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Case {
  readonly name: string;
  readonly whenIdle?: 'skip';
  readonly act: (emulator: Emulator, arn: string, endpoint: string) => Promise<void> | void;
  readonly exit: number;
  readonly drift: string[];
  readonly changes: string[];
}

const cases: Case[] = [
  { name: 'nothing happened', act: () => {}, exit: 0, drift: [], changes: [] },
  { name: 'the composition FAILED', act: (e, arn) => e.failComposition(arn), exit: 2, drift: ['failed'], changes: ['replace failed'] },
  { name: 'a destination is RECONNECTING', act: (e, arn) => e.setDestinationState(arn, 0, 'RECONNECTING'), exit: 2, drift: ['degraded'], changes: [] },
  // IVS fails the whole composition when its broadcast fails.
  { name: 'a destination FAILED', act: (e, arn) => e.setDestinationState(arn, 0, 'FAILED'), exit: 2, drift: ['failed'], changes: ['replace failed'] },
  {
    name: 'someone stopped it while the stage was live',
    act: (e, arn) => {
      e.stopCompositionExternally(arn);
      e.advanceClock(10_000);
    },
    exit: 2,
    drift: ['stopped'],
    changes: ['create stopped'],
  },
  {
    name: 'everyone left the stage and IVS stopped it',
    act: (e) => {
      e.leaveParticipant('Show1');
      e.advanceClock(120_000);
    },
    exit: 2,
    drift: ['stopped-idle'],
    changes: ['create stopped-idle'],
  },
  {
    name: 'everyone left the stage, whenIdle skip',
    whenIdle: 'skip',
    act: (e) => {
      e.leaveParticipant('Show1');
      e.advanceClock(120_000);
    },
    exit: 0,
    drift: [],
    changes: [],
  },
  {
    name: 'a user tag was edited in the console',
    act: async (_e, arn, endpoint) => {
      await createIvsApi({ region: REGION, endpoint, env: {}, maxAttempts: 1 }).tagResource(arn, { kind: 'edited' });
    },
    exit: 2,
    drift: ['tags-changed'],
    changes: ['update-tags tags-changed'],
  },
];

describe('drift made in the emulator, found by drift --json', function () {
  this.timeout(20_000);
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN exit ${c.exit}${c.drift.length > 0 ? ` with ${c.drift.join(', ')}` : ''}`, async () => {
      const project = new TempProject('studio').writeManifest('show', 'Show1', [{ name: 'recording', s3: true, tags: { kind: 'iso' } }], c.whenIdle ? `  whenIdle: ${c.whenIdle}` : '');
      let emulator: EmulatorHandle | undefined;
      try {
        const desired = await project.load();
        emulator = await startSeededEmulator({ ...baseSeed([{ id: 'Show1' }], []), compositions: desired.compositions.map((w) => managedSeed(desired, w)) });
        const arn = emulator.emulator.compositions()[0].arn;
        await c.act(emulator.emulator, arn, emulator.endpoint);
        let out = '';
        let err = '';
        const io: CliIo = {
          stdout: { write: (s: string) => ((out += s), true) },
          stderr: { write: (s: string) => ((err += s), true) },
          cwd: project.dir,
          env: { AWS_ENDPOINT_URL_IVS_REALTIME: emulator.endpoint, AWS_ENDPOINT_URL_IVS: emulator.endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' },
        };
        const code = await runDriftCommand('.', { json: true }, io);
        expect(err).to.equal('');
        const report = JSON.parse(out) as { drift: { kind: string }[]; changes: { action: string; reasons: string[] }[] };
        expect(report.drift.map((d) => d.kind)).to.deep.equal(c.drift);
        expect(report.changes.map((x) => `${x.action} ${x.reasons.join('+')}`)).to.deep.equal(c.changes);
        expect(code).to.equal(c.exit);
      } finally {
        await emulator?.stop();
        project.remove();
      }
    });
  }
});
