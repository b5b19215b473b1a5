// countCalls: every call reported with its outcome; what is not a call passes through unchanged.
import { expect } from 'chai';
import { countCalls, type CallOutcome } from '../core/ivs/counted-api.js';
import { ApiError, type IvsApi, type IvsOperation } from '../core/ivs/ivs-api.js';

function apiWith(parts: Partial<IvsApi>): IvsApi {
  return { region: 'eu-west-1', ...parts } as IvsApi;
}

describe('countCalls', () => {
  it('GIVEN calls that succeed, are throttled and fail WHEN made THEN each is reported once with its outcome', async () => {
    const seen: [IvsOperation, CallOutcome][] = [];
    let n = 0;
    const api = countCalls(
      apiWith({
        listStages: async () => {
          n += 1;
          if (n === 2) throw new ApiError('ListStages', 'ThrottlingException', 'slow down');
          if (n === 3) throw new ApiError('ListStages', 'AccessDeniedException', 'no');
          return { items: [] };
        },
      }),
      (op, outcome) => seen.push([op, outcome]),
    );
    await api.listStages({});
    for (let i = 0; i < 2; i++) await api.listStages({}).catch(() => undefined);
    expect(seen).to.deep.equal([
      ['ListStages', 'ok'],
      ['ListStages', 'throttled'],
      ['ListStages', 'error'],
    ]);
  });

  it('GIVEN an API that knows the service clock WHEN counted THEN serviceNow still answers, and is not counted as a call', () => {
    const seen: IvsOperation[] = [];
    const api = countCalls(apiWith({ serviceNow: () => 1_700_000_000_000 }), (op) => seen.push(op));
    expect(api.serviceNow?.()).to.equal(1_700_000_000_000);
    expect(seen).to.deep.equal([]);
  });

  it('GIVEN an API without a service clock WHEN counted THEN serviceNow stays absent (callers fall back to their own clock)', () => {
    expect(countCalls(apiWith({}), () => undefined).serviceNow).to.equal(undefined);
  });
});
