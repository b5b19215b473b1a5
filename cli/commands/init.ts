// `stageform init [DIR]`: scaffold a project (stageform.yaml, one example manifest with the schema
// modeline, a .gitignore for .stageform/). With --from-live: one manifest per stage instead, from
// the compositions running there that no stageform project owns, each `adopt: true`, and
// stageform.yaml when DIR has none. It never overwrites a file: if any exists, nothing is written.
import { basename, resolve } from 'node:path';
import { DEFAULT_QUOTAS } from '../../core/model/desired.js';
import { UserError } from '../../core/model/diagnostics.js';
import { toResourceName } from '../../core/model/resource-names.js';
import { runFromLivePass } from '../../core/pipeline/from-live-pass.js';
import { compareStrings } from '../../core/util/canonical-json.js';
import { connect } from '../connect.js';
import { parseTimeout } from '../duration.js';
import { EXIT_ERROR, EXIT_OK, type CliIo } from '../io.js';
import { DEFAULT_PARALLELISM } from '../plan-pass-edges.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { reportError } from '../report-error.js';
import { writeNewFiles, type NewFile } from '../write-new-files.js';

export interface InitCommandOptions {
  region?: string;
  fromLive?: boolean;
  /** --stage (repeatable), with --from-live. */
  stage?: string[];
  local?: boolean;
  profile?: string;
  parallelism?: number;
  requestTimeout?: string;
  json?: boolean;
  color?: boolean;
}

/** A project name the schema accepts, from the directory's name. */
export function projectNameFor(dir: string): string {
  return toResourceName(basename(dir)) || 'my-project';
}

const CONFIG_MODELINE = '# yaml-language-server: $schema=node_modules/stageform/schema/stageform-config.schema.json';

function configText(project: string, region: string, extra: readonly string[] = []): string {
  return [CONFIG_MODELINE, `project: ${project}`, `region: ${region}`, ...extra, ''].join('\n');
}

function scaffold(project: string, region: string): NewFile[] {
  const arn = `arn:aws:ivs:${region}:123456789012`;
  return [
    { path: 'stageform.yaml', text: configText(project, region) },
    {
      path: 'stages/example.yaml',
      text: [
        '# yaml-language-server: $schema=../node_modules/stageform/schema/stage-compositions.schema.json',
        '# An example: replace the ARNs with your stage, channel and configurations (see README "A project").',
        'apiVersion: stageform/v1',
        'kind: StageCompositions',
        'metadata:',
        '  name: example',
        'spec:',
        `  stageArn: ${arn}:stage/AbCdEfGh1234`,
        '  compositions:',
        '    - name: program',
        '      destinations:',
        '        - name: live',
        '          channel:',
        `            channelArn: ${arn}:channel/AbCdEfGh1234`,
        '',
      ].join('\n'),
    },
    { path: '.gitignore', text: '# the local emulator state of stageform --local\n.stageform/\n' },
  ];
}

/** Flags that mean something only with --from-live. */
const FROM_LIVE_FLAGS: readonly [keyof InitCommandOptions, string][] = [
  ['stage', '--stage'],
  ['local', '--local'],
  ['profile', '--profile'],
  ['parallelism', '--parallelism'],
  ['requestTimeout', '--request-timeout'],
  ['json', '--json'],
];

export async function runInitCommand(dir: string, opts: InitCommandOptions, io: CliIo): Promise<number> {
  try {
    const root = resolve(io.cwd, dir);
    if (opts.fromLive) return await runInitFromLive(root, opts, io);
    const stray = FROM_LIVE_FLAGS.filter(([key]) => (Array.isArray(opts[key]) ? (opts[key] as unknown[]).length > 0 : opts[key] !== undefined)).map(([, flag]) => flag);
    if (stray.length > 0) {
      throw new UserError('INVALID_OPTIONS', `${stray.join(', ')} ${stray.length === 1 ? 'needs' : 'need'} --from-live`, { hint: 'stageform init --from-live writes manifests from the live compositions' });
    }
    const region = opts.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    for (const path of writeNewFiles(root, scaffold(projectNameFor(root), region), io.cwd, 'run stageform init in an empty directory, or move the files away first')) {
      io.stdout.write(`Wrote ${path}\n`);
    }
    io.stdout.write('Next: edit stages/example.yaml, then run stageform validate and stageform plan.\n');
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error, { code: true });
  }
}

async function runInitFromLive(root: string, opts: InitCommandOptions, io: CliIo): Promise<number> {
  const parallelism = opts.parallelism ?? DEFAULT_PARALLELISM;
  const requestTimeoutMs = opts.requestTimeout !== undefined ? parseTimeout(opts.requestTimeout, '--request-timeout') : undefined;
  const outcome = await runFromLivePass(
    { rootDir: root, newProjectName: projectNameFor(root), stageArns: opts.stage?.length ? opts.stage : undefined, region: opts.region, parallelism },
    {
      cwd: io.cwd,
      signal: io.signal,
      connect: (settings) => connect(settings, { local: opts.local, region: opts.region, profile: opts.profile, parallelism, requestTimeoutMs }, io),
    },
  );
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics, opts.color);
    return EXIT_ERROR;
  }
  const { manifests } = outcome;
  const compositionCount = manifests.reduce((n, m) => n + m.compositions.length, 0);
  const files: NewFile[] = manifests.map((m) => ({ path: m.path, text: m.text }));
  if (!outcome.existing && manifests.length > 0) {
    // The account runs these already: a quota below that would fail the first plan (QUOTA_EXCEEDED).
    const quota = compositionCount > DEFAULT_QUOTAS.compositionsPerAccount ? ['quotas:', `  compositionsPerAccount: ${compositionCount}`] : [];
    files.unshift({ path: 'stageform.yaml', text: configText(outcome.project, outcome.region, quota) });
  }
  const written = writeNewFiles(root, files, io.cwd, 'write to a new folder, or move the files away first');

  if (opts.json) {
    io.stdout.write(
      JSON.stringify(
        {
          formatVersion: 1,
          region: outcome.region,
          files: written,
          manifests: manifests.map((m) => ({ path: m.path, name: m.name, stageArn: m.stageArn, compositions: m.compositions.map((c) => ({ address: `${m.name}/${c.name}`, arn: c.arn })) })),
          skipped: [
            ...outcome.owned.map((o) => ({ arn: o.arn, stageArn: o.stageArn, reason: 'owned', project: o.project })),
            ...outcome.declaredStages.map((d) => ({ stageArn: d.stageArn, reason: 'declared', manifest: d.manifestName })),
          ],
          emptyStages: outcome.emptyStages.map((s) => s.arn),
        },
        null,
        2,
      ) + '\n',
    );
    return EXIT_OK;
  }
  const notes: string[] = [
    ...outcome.owned.map((o) => `Skipped ${o.arn}: owned by stageform project ${o.project}${o.address ? ` (${o.address})` : ''}`),
    ...outcome.declaredStages.map((d) => `Skipped stage ${d.stageArn}: manifest ${d.manifestName} declares it already (mark its compositions adopt: true there)`),
    ...outcome.emptyStages.map((s) => `No manifest for stage ${s.name ? `${s.name} (${s.arn})` : s.arn}: nothing runs there that no stageform project owns`),
  ];
  const manifestAt = new Map(manifests.map((m) => [m.path, m]));
  files.forEach((file, i) => {
    const manifest = manifestAt.get(file.path);
    io.stdout.write(`Wrote ${written[i]}${manifest ? `: ${manifest.compositions.map((c) => `${manifest.name}/${c.name}`).join(', ')}` : ''}\n`);
  });
  for (const note of notes.sort(compareStrings)) io.stdout.write(`${note}\n`);
  if (manifests.length === 0) {
    io.stdout.write(`Nothing written: no running composition to write in ${outcome.region}.\n`);
    return EXIT_OK;
  }
  io.stdout.write(
    `${manifests.length} manifest${manifests.length === 1 ? '' : 's'}, ${compositionCount} composition${compositionCount === 1 ? '' : 's'} to adopt. Next: stageform plan (it shows them as adopt), then stageform apply (it only tags them).\n`,
  );
  return EXIT_OK;
}
