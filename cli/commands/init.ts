// `stageform init [DIR]`: scaffold a project (stageform.yaml, one example manifest with the schema
// modeline, a .gitignore for .stageform/). It never overwrites a file: if any exists, nothing is written.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UserError } from '../../core/model/diagnostics.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { reportError } from '../report-error.js';

export interface InitCommandOptions {
  region?: string;
}

/** A project name the schema accepts, from the directory's name. */
export function projectNameFor(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name === '' ? 'my-project' : name;
}

function scaffold(project: string, region: string): Record<string, string> {
  const arn = `arn:aws:ivs:${region}:123456789012`;
  return {
    'stageform.yaml': [
      '# yaml-language-server: $schema=node_modules/stageform/schema/stageform-config.schema.json',
      `project: ${project}`,
      `region: ${region}`,
      '',
    ].join('\n'),
    'stages/example.yaml': [
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
    '.gitignore': '# the local emulator state of stageform --local\n.stageform/\n',
  };
}

export async function runInitCommand(dir: string, opts: InitCommandOptions, io: CliIo): Promise<number> {
  try {
    const root = resolve(io.cwd, dir);
    const region = opts.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    const files = scaffold(projectNameFor(root), region);
    const existing = Object.keys(files).filter((path) => existsSync(join(root, path)));
    if (existing.length > 0) {
      throw new UserError('FILE_EXISTS', `${existing.map((p) => relative(io.cwd, join(root, p)) || p).join(', ')} already exist${existing.length === 1 ? 's' : ''}; init never overwrites a file`, {
        hint: 'run stageform init in an empty directory, or move the files away first',
      });
    }
    for (const [path, text] of Object.entries(files)) {
      try {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text, { flag: 'wx' });
      } catch (error) {
        throw new UserError('CANNOT_WRITE', `cannot write ${relative(io.cwd, join(root, path)) || path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
          hint: 'pass a directory you can write to',
        });
      }
      io.stdout.write(`Wrote ${relative(io.cwd, join(root, path)) || path}\n`);
    }
    io.stdout.write('Next: edit stages/example.yaml, then run stageform validate and stageform plan.\n');
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
