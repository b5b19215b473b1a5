// examples/aws: the CloudFormation template and the container image. Neither can be deployed or
// built here; the template is checked by reading it (every reference resolves, the role grants
// exactly the operations stageform needs) and by cfn-lint where it is installed; the Dockerfile by
// reading it (non-root user, entrypoint, every COPY source present).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse, type Tags } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'aws');

/** CloudFormation's short-form intrinsic functions, read as their long forms. */
const INTRINSICS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'GetAZs', 'ImportValue', 'Base64', 'Cidr', 'Condition'];
const CFN_TAGS: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }) },
  ];
});

const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

interface Template {
  Parameters: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

function readTemplate(): Template {
  return parse(readFileSync(join(EXAMPLE, 'template.yaml'), 'utf8'), { customTags: CFN_TAGS }) as Template;
}

/** Every Ref, GetAtt and ${...} in Sub, with the path where it appears. */
function referencesIn(node: unknown, path: string, out: { name: string; kind: string; path: string }[] = []): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => referencesIn(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') out.push({ name: value, kind: 'Ref', path });
      else if (key === 'Fn::GetAtt') out.push({ name: (Array.isArray(value) ? String(value[0]) : String(value).split('.')[0])!, kind: 'GetAtt', path });
      else if (key === 'Fn::Sub') {
        const [text, vars] = Array.isArray(value) ? [String(value[0]), (value[1] ?? {}) as Record<string, unknown>] : [String(value), {}];
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = m[1]!.split('.')[0]!;
          if (!(name in vars)) out.push({ name, kind: 'Sub', path });
        }
        referencesIn(vars, `${path}.Fn::Sub`, out);
      } else referencesIn(value, `${path}.${key}`, out);
    }
  }
  return out;
}

describe('examples/aws: the CloudFormation template', () => {
  it('GIVEN the template WHEN its references are read THEN each names a parameter, a resource or a pseudo-parameter (GetAtt: a resource)', () => {
    const template = readTemplate();
    const refs = referencesIn(template.Resources, 'Resources').concat(referencesIn((template as unknown as { Outputs: unknown }).Outputs, 'Outputs'));
    expect(refs.length).to.be.greaterThan(10);
    const unresolved = refs.filter((r) => {
      if (r.kind === 'GetAtt') return !(r.name in template.Resources);
      return !(r.name in template.Parameters) && !(r.name in template.Resources) && !PSEUDO_PARAMETERS.has(r.name);
    });
    expect(unresolved).to.deep.equal([]);
  });

  it('GIVEN the role WHEN its statements are read THEN it grants exactly the operations stageform calls, and stage operations only on the project stages', () => {
    const role = readTemplate().Resources.ReconcileRole!;
    const statements = (role.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
    const actions = [...new Set(statements.flatMap((s) => s.Action))].sort();
    expect(actions).to.deep.equal(
      [
        'ivs:GetChannel',
        'ivs:GetComposition',
        'ivs:GetEncoderConfiguration',
        'ivs:GetStage',
        'ivs:GetStorageConfiguration',
        'ivs:GetStream',
        'ivs:ListCompositions',
        'ivs:ListParticipants',
        'ivs:ListStages',
        'ivs:StartComposition',
        'ivs:StopComposition',
        'ivs:TagResource',
        'ivs:UntagResource',
      ].sort(),
    );
    expect(actions.filter((a) => a.includes('*'))).to.deep.equal([]);
    const onEverything = statements.filter((s) => s.Resource === '*').flatMap((s) => s.Action);
    expect(onEverything.sort()).to.deep.equal(['ivs:ListCompositions', 'ivs:ListStages']);
    const onStages = statements.filter((s) => s.Action.includes('ivs:GetStage'));
    expect(onStages.map((s) => s.Resource)).to.deep.equal([{ Ref: 'StageArns' }]);
  });

  it('GIVEN the rules WHEN read THEN the two IVS rules and the schedule each target the function and may invoke it', () => {
    const { Resources } = readTemplate();
    const rules = Object.entries(Resources).filter(([, r]) => r.Type === 'AWS::Events::Rule');
    const patterns = rules.map(([, r]) => (r.Properties.EventPattern as Record<string, string[]> | undefined)?.['detail-type']?.[0] ?? String((r.Properties.ScheduleExpression as { Ref: string }).Ref));
    expect(patterns.sort()).to.deep.equal(['IVS Composition State Change', 'IVS Stage Update', 'SafetyNetSchedule']);
    for (const [name, rule] of rules) {
      expect(rule.Properties.Targets, name).to.deep.equal([{ Id: 'stageform', Arn: { 'Fn::GetAtt': 'ReconcileFunction.Arn' } }]);
      const permissions = Object.values(Resources).filter((r) => r.Type === 'AWS::Lambda::Permission' && (r.Properties.SourceArn as { 'Fn::GetAtt': string })['Fn::GetAtt'] === `${name}.Arn`);
      expect(permissions, name).to.have.length(1);
    }
  });

  it('GIVEN cfn-lint on this machine WHEN it checks the template THEN it reports nothing', function () {
    const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) this.skip();
    this.timeout(120_000);
    const run = spawnSync('cfn-lint', [join(EXAMPLE, 'template.yaml')], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).to.equal('');
    expect(run.status).to.equal(0);
  });
});

describe('examples/aws: the Dockerfile', () => {
  const lines = readFileSync(join(EXAMPLE, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const lastStage = lines.slice(lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true));

  it('GIVEN the image WHEN it runs THEN it runs as a non-root user, stageform reconcile on the mounted project', () => {
    const user = lastStage.filter((l) => /^USER\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(user).to.have.length(1);
    expect(user[0]).to.not.be.oneOf(['root', '0', '0:0']);
    const entrypoint = lastStage.find((l) => /^ENTRYPOINT\s/i.test(l))!;
    expect(JSON.parse(entrypoint.replace(/^ENTRYPOINT\s+/i, ''))).to.deep.equal(['stageform', 'reconcile']);
    const cmd = JSON.parse(lastStage.find((l) => /^CMD\s/i.test(l))!.replace(/^CMD\s+/i, '')) as string[];
    expect(cmd[0]).to.equal('/project');
    expect(lines[0]).to.match(/^FROM node:20-slim\b/);
  });

  it('GIVEN the repository root as build context WHEN COPY reads it THEN every source exists, and the ignore file keeps node_modules and dist out', () => {
    const sources = lines
      .filter((l) => /^COPY\s/i.test(l) && !/--from=/i.test(l))
      .flatMap((l) => l.replace(/^COPY\s+/i, '').split(/\s+/).slice(0, -1));
    expect(sources.length).to.be.greaterThan(0);
    expect(sources.filter((s) => !existsSync(join(ROOT, s)))).to.deep.equal([]);
    const ignored = readFileSync(join(EXAMPLE, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignored).to.include.members(['node_modules', 'dist']);
  });

  it('GIVEN package.json WHEN the package is resolved THEN stageform/lambda is the handler module and the bin stays', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string>; bin: Record<string, string> };
    expect(pkg.bin).to.deep.equal({ stageform: 'bin/stageform.js' });
    const mod = (await import(join(ROOT, pkg.exports['./lambda']!))) as { handler?: unknown };
    expect(mod.handler).to.be.a('function');
    // And the example entry point re-exports it under the name Lambda's Handler setting names.
    expect(readFileSync(join(EXAMPLE, 'index.mjs'), 'utf8')).to.match(/export \{ handler \} from 'stageform\/lambda'/);
  });
});
