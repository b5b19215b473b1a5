// The model's actions and the JSON plan's documented words map one to one.
import { expect } from 'chai';
import { ACTIONS, actionFromJson, JSON_ACTIONS, jsonActionOf } from '../core/model/plan.js';
import { ACTION_STYLES } from '../core/render/styles.js';

describe('plan actions in the JSON plan', () => {
  const table = [
    { action: 'create', json: { action: 'create' } },
    { action: 'replace-stop-first', json: { action: 'replace', replaceOrder: 'stop-first' } },
    { action: 'replace-start-first', json: { action: 'replace', replaceOrder: 'start-first' } },
    { action: 'delete', json: { action: 'delete' } },
    { action: 'update-tags', json: { action: 'update-tags' } },
    { action: 'adopt', json: { action: 'adopt' } },
    { action: 'move', json: { action: 'move' } },
    { action: 'no-op', json: { action: 'no-op' } },
  ] as const;

  it('GIVEN every action THEN the table covers it exactly once', () => {
    expect(table.map((row) => row.action)).to.have.members([...ACTIONS]);
  });

  for (const row of table) {
    it(`GIVEN ${row.action} THEN it is written as ${JSON.stringify(row.json)} and read back as itself`, () => {
      expect(jsonActionOf(row.action)).to.deep.equal(row.json);
      expect(actionFromJson(row.json.action, 'replaceOrder' in row.json ? row.json.replaceOrder : undefined)).to.equal(row.action);
    });
  }

  it('GIVEN "replace" without a valid order THEN no action is read', () => {
    for (const order of [undefined, 'later', 'stop_first']) expect(actionFromJson('replace', order)).to.equal(undefined);
  });

  it('GIVEN every JSON action word THEN some action writes it', () => {
    expect(new Set(ACTIONS.map((a) => jsonActionOf(a).action))).to.deep.equal(new Set(JSON_ACTIONS));
  });

  it('GIVEN every action but no-op THEN the style table has its symbol and wording', () => {
    expect(Object.keys(ACTION_STYLES)).to.have.members(ACTIONS.filter((a) => a !== 'no-op'));
  });
});
