import { expect } from 'chai';
import { diffCompositions, diffValues, impactOfPath, worstImpact, type Impact } from '../core/plan/diff.js';
import type { CompositionView } from '../core/model/plan.js';
import { normalizeSpec } from '../core/model/spec.js';
import { channelDestination, deepFreeze, s3Destination, stageArn } from './helpers/builders.js';

function view(overrides: { gridGap?: number; tags?: Record<string, string>; stage?: string; channel?: boolean; pip?: boolean } = {}): CompositionView {
  const spec = normalizeSpec({
    stageArn: stageArn(overrides.stage ?? 'Morning1'),
    layout: overrides.pip ? { pip: {} } : { grid: { gridGap: overrides.gridGap ?? 2 } },
    destinations: overrides.channel ? [channelDestination('C1'), s3Destination()] : [s3Destination()],
  });
  return { ...spec, tags: overrides.tags ?? { team: 'media' } };
}

describe('diff: the field impact table', () => {
  const cases: { path: (string | number)[]; impact: Impact }[] = [
    { path: ['stageArn'], impact: 'replace' },
    { path: ['layout', 'grid', 'gridGap'], impact: 'replace' },
    { path: ['layout', 'pip'], impact: 'replace' },
    { path: ['destinations', 0, 's3', 'encoderConfigurationArns'], impact: 'replace' },
    { path: ['destinations', 1], impact: 'replace' },
    { path: ['tags', 'team'], impact: 'update' },
    { path: ['somethingNew'], impact: 'replace' },
  ];
  for (const c of cases) {
    it(`GIVEN a change at ${c.path.join('.')} THEN it means ${c.impact}`, () => {
      expect(impactOfPath(c.path)).to.equal(c.impact);
    });
  }

  it('ranks impacts: replace over update over none', () => {
    expect(worstImpact([])).to.equal('none');
    expect(worstImpact(['update', 'none'])).to.equal('update');
    expect(worstImpact(['update', 'replace', 'none'])).to.equal('replace');
  });
});

describe('diffCompositions', () => {
  const cases: { name: string; before: CompositionView; after: CompositionView; impact: Impact; replacePaths: (string | number)[][]; changed: string[] }[] = [
    { name: 'identical', before: view(), after: view(), impact: 'none', replacePaths: [], changed: [] },
    { name: 'only a tag value', before: view(), after: view({ tags: { team: 'news' } }), impact: 'update', replacePaths: [], changed: ['tags.team'] },
    { name: 'a tag added and one removed', before: view({ tags: { a: '1' } }), after: view({ tags: { b: '2' } }), impact: 'update', replacePaths: [], changed: ['tags.a', 'tags.b'] },
    { name: 'grid gap', before: view(), after: view({ gridGap: 6 }), impact: 'replace', replacePaths: [['layout', 'grid', 'gridGap']], changed: ['layout.grid.gridGap'] },
    { name: 'grid gap and a tag: the worst wins', before: view(), after: view({ gridGap: 6, tags: {} }), impact: 'replace', replacePaths: [['layout', 'grid', 'gridGap']], changed: ['layout.grid.gridGap', 'tags.team'] },
    { name: 'grid to pip', before: view(), after: view({ pip: true }), impact: 'replace', replacePaths: [['layout', 'grid'], ['layout', 'pip']], changed: ['layout.grid', 'layout.pip'] },
    { name: 'a channel added', before: view(), after: view({ channel: true }), impact: 'replace', replacePaths: [['destinations', 0]], changed: ['destinations.0'] },
    { name: 'a channel removed', before: view({ channel: true }), after: view(), impact: 'replace', replacePaths: [['destinations', 0]], changed: ['destinations.0'] },
    { name: 'another stage', before: view(), after: view({ stage: 'Evening1' }), impact: 'replace', replacePaths: [['stageArn']], changed: ['stageArn'] },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN diffed THEN impact is ${c.impact}`, () => {
      const diff = diffCompositions(deepFreeze(c.before), deepFreeze(c.after));
      expect(diff.impact).to.equal(c.impact);
      expect(diff.replacePaths).to.deep.equal(c.replacePaths);
      expect(diff.changes.map((x) => x.path.join('.'))).to.deep.equal(c.changed);
    });
  }

  it('treats arrays of scalars as one attribute and compares arrays of objects by index', () => {
    expect(diffValues({ a: ['x', 'y'] }, { a: ['y', 'x'] })).to.deep.equal([{ path: ['a'], before: ['x', 'y'], after: ['y', 'x'] }]);
    expect(diffValues({ a: [{ b: 1 }] }, { a: [{ b: 2 }] })).to.deep.equal([{ path: ['a', 0, 'b'], before: 1, after: 2 }]);
  });

  it('pairs destinations by kind, not position: an added channel leaves the S3 destination unchanged', () => {
    const s3 = { s3: { storageConfigurationArn: 'x' } };
    const channel = { channel: { channelArn: 'c' } };
    expect(diffValues({ d: [s3] }, { d: [channel, s3] })).to.deep.equal([{ path: ['d', 0], before: undefined, after: channel }]);
    expect(diffValues({ d: [channel, s3] }, { d: [s3] })).to.deep.equal([{ path: ['d', 0], before: channel, after: undefined }]);
  });
});
