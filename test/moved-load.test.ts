// moved: entries in stageform.yaml: loaded in file order, and checked (a `to` must be declared, no cycles) at file:line:col.
import { expect } from 'chai';
import { loadProject } from '../core/load/load-project.js';
import { TempProject } from './helpers/projects.js';

describe('stageform.yaml moved: entries', () => {
  let project: TempProject;
  afterEach(() => project?.remove());

  function withMoved(moved: string): TempProject {
    project = new TempProject('studio', `moved:\n${moved}`);
    return project.writeManifest('news', 'News1', [{ name: 'main', s3: true }, { name: 'clip', s3: true }]);
  }

  it('GIVEN a valid entry WHEN loaded THEN the desired state carries it with its position', async () => {
    const desired = await withMoved('  - from: news/program\n    to: news/main\n').load();
    expect(desired.moves).to.deep.equal([{ from: 'news/program', to: 'news/main', source: { file: 'stageform.yaml', line: 4, column: 5 } }]);
  });

  it('GIVEN a `to` no manifest declares, and a cycle THEN MOVED_NOT_DECLARED at the `to` and MOVED_CYCLE at each entry of the cycle', async () => {
    withMoved('  - from: news/program\n    to: news/nothing\n  - from: news/main\n    to: news/clip\n  - from: news/clip\n    to: news/main\n');
    const loaded = await loadProject(project.dir, { cwd: project.dir });
    expect(loaded.desired).to.equal(undefined);
    expect(loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).to.deep.equal([
      'stageform.yaml:5:9 MOVED_NOT_DECLARED',
      'stageform.yaml:6:5 MOVED_CYCLE',
      'stageform.yaml:8:5 MOVED_CYCLE',
    ]);
    expect(loaded.diagnostics[1].message).to.equal('moved: `news/main` -> `news/clip` is part of a cycle (news/main -> news/clip -> news/main)');
  });

  it('GIVEN a `from` that is not an address THEN the schema rejects it at its position', async () => {
    withMoved('  - from: program\n    to: news/main\n');
    const loaded = await loadProject(project.dir, { cwd: project.dir });
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).to.deep.equal(['4:11 INVALID_VALUE']);
  });
});
