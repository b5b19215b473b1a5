// core/pipeline's plan pass: one regions list for plan and provenance, and a load failure that
// abandons the observation begun while the manifests were read.
import { expect } from 'chai';
import { connect } from '../cli/connect.js';
import type { CliIo } from '../cli/io.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import type { ProjectSettings } from '../core/model/desired.js';
import { runPlanPass, type PipelineConnection } from '../core/pipeline/plan-pass.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { baseSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('plan pass (core/pipeline)', function () {
  this.timeout(20_000);
  let project: TempProject;
  let emulator: EmulatorHandle;

  before(async () => {
    project = new TempProject('studio').writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1' }]);
    emulator = await startSeededEmulator(baseSeed([{ id: 'Show1' }], ['ChanShow1']));
  });
  after(async () => {
    await emulator.stop();
    project.remove();
  });

  function io(): CliIo {
    const sink = { write: () => true };
    return { stdout: sink, stderr: sink, cwd: project.dir, env: { AWS_ENDPOINT_URL_IVS_REALTIME: emulator.endpoint, AWS_ENDPOINT_URL_IVS: emulator.endpoint } };
  }

  it('GIVEN --region other than stageform.yaml\'s WHEN planned THEN plan.regions and provenance.regions are the same list: the override and the stage\'s region', async () => {
    const outcome = await runPlanPass(
      { dir: project.dir, parallelism: 4 },
      { cwd: project.dir, connect: (settings) => connect(settings, { region: 'eu-west-1', parallelism: 4 }, io()) },
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.diagnostics));
    expect(outcome.provenance.regions).to.deep.equal(['eu-west-1', 'us-east-1']);
    expect(outcome.plan.regions).to.deep.equal(outcome.provenance.regions);
    expect(outcome.live.regions.map((r) => r.region)).to.deep.equal(outcome.provenance.regions);
  });

  it('GIVEN a manifest that does not validate WHEN the pass runs THEN it returns the diagnostics without waiting for the listing begun from stageform.yaml, and closes the connection', async () => {
    const broken = new TempProject('studio').writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1' }]).writeFile('stages/bad.yaml', 'apiVersion: nope\n');
    const connected: ProjectSettings[] = [];
    let listings = 0;
    let closed = 0;
    // Every read hangs until aborted: only the abort can end them.
    const hang = (): Promise<never> => new Promise(() => {});
    const list = (): Promise<never> => {
      listings++;
      return hang();
    };
    const api = { region: 'us-east-1', listStages: list, listCompositions: list, getComposition: hang } as unknown as IvsApi;
    const connection: PipelineConnection = {
      endpoint: '',
      region: 'us-east-1',
      apiFor: () => api,
      close: async () => {
        closed++;
      },
    };
    try {
      const outcome = await runPlanPass(
        { dir: broken.dir, parallelism: 2 },
        {
          cwd: broken.dir,
          connect: async (settings) => {
            connected.push(settings);
            return connection;
          },
          onObserveProgress: () => {},
          signal: new AbortController().signal,
        },
      );
      expect(outcome.ok).to.equal(false);
      expect(!outcome.ok && outcome.diagnostics.map((d) => d.code)).to.deep.equal(['UNKNOWN_DOCUMENT']);
      expect(connected.map((s) => `${s.project} ${s.region}`)).to.deep.equal(['studio us-east-1']);
      expect(listings, 'listings begun before the manifests were read').to.equal(2);
      expect(closed).to.equal(1);
    } finally {
      broken.remove();
    }
  });
});
