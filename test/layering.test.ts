// The tree follows the data: load -> observe -> plan -> render / apply. This test reads the imports
// of every source module and fails when one goes against that direction, when core reaches into
// cli/ or emulator/, when the emulator reaches into core/ or cli/, or when a product module other
// than the SDK boundary imports the AWS SDK.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// dist/test/ -> the repository root.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * core/'s folders by rank: a module may import its own folder and any folder of a lower rank.
 * Folders of equal rank (render and apply) may not import each other.
 */
export const CORE_RANKS: Readonly<Record<string, number>> = {
  util: 0,
  model: 1,
  ivs: 2,
  load: 3,
  observe: 4,
  plan: 5,
  render: 6,
  apply: 6,
  pipeline: 7,
};

/** The one product module that may import @aws-sdk/*. */
const SDK_BOUNDARY = 'core/ivs/ivs-client.ts';

interface ImportEdge {
  readonly from: string;
  /** Repository-relative path of the imported module (.ts), or the package name. */
  readonly to: string;
}

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTs(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Static imports, re-exports and dynamic imports with a literal specifier. */
export function readImports(file: string, text: string): ImportEdge[] {
  const from = relative(ROOT, file).split('\\').join('/');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.map((spec) => ({
    from,
    to: spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts') : spec,
  }));
}

/** Why an edge breaks the layering, or undefined when it is allowed. */
export function layeringViolation(edge: ImportEdge): string | undefined {
  const fromTop = edge.from.split('/')[0];
  const toTop = edge.to.split('/')[0];
  if (edge.to.startsWith('@aws-sdk/') && fromTop !== 'test' && edge.from !== SDK_BOUNDARY && !edge.from.startsWith('emulator/test/') && edge.from !== 'bench/naive.ts') {
    return 'only the SDK boundary imports the AWS SDK';
  }
  if (fromTop === 'core' && (toTop === 'cli' || toTop === 'emulator')) return `core imports ${toTop}/`;
  if (fromTop === 'emulator' && !edge.from.startsWith('emulator/test/') && (toTop === 'core' || toTop === 'cli')) return `the emulator imports ${toTop}/`;
  if (fromTop === 'core' && toTop === 'core') {
    const fromStage = edge.from.split('/')[1];
    const toStage = edge.to.split('/')[1];
    if (fromStage === toStage) return undefined;
    const fromRank = CORE_RANKS[fromStage];
    const toRank = CORE_RANKS[toStage];
    if (fromRank === undefined) return `core/${fromStage}/ is not a known stage folder`;
    if (toRank === undefined) return `core/${toStage}/ is not a known stage folder`;
    if (toRank >= fromRank) return `core/${fromStage}/ may not import core/${toStage}/ (against load -> observe -> plan -> render / apply)`;
  }
  return undefined;
}

describe('layering', () => {
  const files = ['core', 'cli', 'emulator', 'schema', 'bench', 'reliability', 'test'].flatMap((d) => listTs(join(ROOT, d)));
  const edges = files.flatMap((f) => readImports(f, readFileSync(f, 'utf8')));

  it('GIVEN every source module WHEN its imports are read THEN none goes against the pipeline, crosses core/cli/emulator wrongly or reaches the SDK outside the boundary', () => {
    expect(edges.length).to.be.greaterThan(100);
    const violations = edges.flatMap((e) => {
      const why = layeringViolation(e);
      return why ? [`${e.from} -> ${e.to}: ${why}`] : [];
    });
    expect(violations).to.deep.equal([]);
  });

  it('GIVEN core/ WHEN listed THEN every folder is a known stage and no module lies loose at its top', () => {
    const entries = readdirSync(join(ROOT, 'core')).sort();
    expect(entries.filter((e) => !statSync(join(ROOT, 'core', e)).isDirectory())).to.deep.equal([]);
    expect(entries.filter((e) => CORE_RANKS[e] === undefined)).to.deep.equal([]);
  });

  it('GIVEN edges that break each rule WHEN checked THEN each is reported', () => {
    const cases: [ImportEdge, boolean][] = [
      [{ from: 'core/observe/observe-live.ts', to: 'core/plan/build-plan.ts' }, true],
      [{ from: 'core/plan/build-plan.ts', to: 'core/observe/observe-live.ts' }, false],
      [{ from: 'core/render/human.ts', to: 'core/apply/apply-plan.ts' }, true],
      [{ from: 'core/apply/apply-plan.ts', to: 'core/render/human.ts' }, true],
      [{ from: 'core/model/plan.ts', to: 'core/util/canonical-json.ts' }, false],
      [{ from: 'core/util/canonical-json.ts', to: 'core/model/plan.ts' }, true],
      [{ from: 'core/load/load-project.ts', to: 'cli/io.ts' }, true],
      [{ from: 'core/plan/build-plan.ts', to: 'emulator/index.ts' }, true],
      [{ from: 'emulator/world.ts', to: 'core/model/diagnostics.ts' }, true],
      [{ from: 'cli/connect.ts', to: '@aws-sdk/client-ivs-realtime' }, true],
      [{ from: 'core/ivs/ivs-client.ts', to: '@aws-sdk/client-ivs-realtime' }, false],
      [{ from: 'cli/connect.ts', to: 'core/ivs/ivs-client.ts' }, false],
    ];
    for (const [edge, broken] of cases) expect(layeringViolation(edge) !== undefined, `${edge.from} -> ${edge.to}`).to.equal(broken);
  });
});
