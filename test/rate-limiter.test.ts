import { expect } from 'chai';
import { createConcurrencyGate, mapWithConcurrency } from '../core/util/concurrency.js';
import type { IvsOperation } from '../core/ivs/ivs-api.js';
import { DEFAULT_START_SLACK_MS, RateLimiter, classifyOperation, type LimiterClock } from '../core/ivs/rate-limiter.js';

/** Time that moves only when the test says so. */
class DrivenClock implements LimiterClock {
  private time = 0;
  private timers: { at: number; fn: () => void; seq: number }[] = [];
  private seq = 0;
  now(): number {
    return this.time;
  }
  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, fn, seq: this.seq++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  /** Advances to the next timer and fires it, letting promise callbacks run. */
  async runNext(): Promise<boolean> {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift()!;
    this.time = Math.max(this.time, timer.at);
    timer.fn();
    await flush();
    return true;
  }
  async runAll(): Promise<void> {
    while (await this.runNext());
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

const LIMITS = { composition: 5, stage: 5, tag: 10 };

describe('rate limiter', () => {
  describe('classifyOperation', () => {
    const table: [IvsOperation, string][] = [
      ['ListStages', 'stage'],
      ['ListCompositions', 'composition'],
      ['GetComposition', 'composition'],
      ['StartComposition', 'composition'],
      ['StopComposition', 'composition'],
      ['TagResource', 'tag'],
      ['UntagResource', 'tag'],
      ['GetEncoderConfiguration', 'configuration'],
      ['GetStorageConfiguration', 'configuration'],
      ['GetChannel', 'channel'],
      ['GetStream', 'channel'],
    ];
    for (const [op, cls] of table) {
      it(`puts ${op} in the ${cls} class`, () => expect(classifyOperation(op)).to.equal(cls));
    }

    it('GIVEN limits raised in stageform.yaml WHEN preflight reads THEN they are still paced at the documented 5 per second', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter({ composition: 100, stage: 100, tag: 100 }, { clock, marginMs: 0, startSlackMs: 0 });
      const granted: number[] = [];
      for (let i = 0; i < 7; i++) void limiter.acquire('GetChannel').then(() => granted.push(clock.now()));
      await flush();
      await clock.runAll();
      // A burst of 5, then one every 200 ms.
      expect(granted).to.deep.equal([0, 0, 0, 0, 0, 200, 400]);
    });
  });

  describe('pacing with a driven clock', () => {
    const cases: { op: IvsOperation; n: number; rate: number }[] = [
      { op: 'GetComposition', n: 5, rate: 5 },
      { op: 'GetComposition', n: 6, rate: 5 },
      { op: 'GetComposition', n: 25, rate: 5 },
      { op: 'TagResource', n: 40, rate: 10 },
      { op: 'ListStages', n: 12, rate: 5 },
    ];
    for (const { op, n, rate } of cases) {
      it(`GIVEN a full bucket WHEN ${n} ${op} are acquired at once THEN the last goes after (n - burst)/rate s = ${Math.max(0, n - rate) / rate} s`, async () => {
        const clock = new DrivenClock();
        const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 0 });
        const grantedAt: number[] = [];
        const all = Array.from({ length: n }, () => limiter.acquire(op).then(() => grantedAt.push(clock.now())));
        await flush();
        await clock.runAll();
        await Promise.all(all);
        expect(grantedAt).to.have.length(n);
        expect(grantedAt.slice(0, rate).every((t) => t === 0)).to.equal(true);
        expect(grantedAt[n - 1]).to.be.closeTo((Math.max(0, n - rate) / rate) * 1000, 1e-6);
        // Exactly at the rate after the burst: no request earlier than its slot.
        for (let i = rate; i < n; i++) expect(grantedAt[i]).to.be.closeTo(((i - rate + 1) / rate) * 1000, 1e-6);
      });
    }

    it('GIVEN a margin WHEN paced THEN each interval grows by the margin only', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 1, startSlackMs: 0 });
      const grantedAt: number[] = [];
      const all = Array.from({ length: 7 }, () => limiter.acquire('StopComposition').then(() => grantedAt.push(clock.now())));
      await flush();
      await clock.runAll();
      await Promise.all(all);
      expect(grantedAt[5]).to.be.closeTo(201, 1e-6);
      expect(grantedAt[6]).to.be.closeTo(402, 1e-6);
    });

    it('GIVEN a start slack WHEN paced THEN refilling starts that much later, once', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 25 });
      const grantedAt: number[] = [];
      const all = Array.from({ length: 7 }, () => limiter.acquire('GetComposition').then(() => grantedAt.push(clock.now())));
      await flush();
      await clock.runAll();
      await Promise.all(all);
      expect(grantedAt).to.deep.equal([0, 0, 0, 0, 0, 225, 425]);
    });

    it('GIVEN no start slack option WHEN paced THEN the default slack is 100 ms', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0 });
      const grantedAt: number[] = [];
      const all = Array.from({ length: 7 }, () => limiter.acquire('GetComposition').then(() => grantedAt.push(clock.now())));
      await flush();
      await clock.runAll();
      await Promise.all(all);
      expect(DEFAULT_START_SLACK_MS).to.equal(100);
      expect(grantedAt).to.deep.equal([0, 0, 0, 0, 0, 300, 500]);
    });

    it('GIVEN a bucket that refilled during a quiet spell WHEN a new burst comes THEN the start slack applies again', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 25 });
      await limiter.acquire('ListCompositions');
      clock.setTimer(() => {}, 2_000);
      await clock.runAll();
      const grantedAt: number[] = [];
      const all = Array.from({ length: 7 }, () => limiter.acquire('ListCompositions').then(() => grantedAt.push(clock.now())));
      await flush();
      await clock.runAll();
      await Promise.all(all);
      expect(grantedAt).to.deep.equal([2_000, 2_000, 2_000, 2_000, 2_000, 2_225, 2_425]);
    });

    it('GIVEN one operation exhausted WHEN another operation of the same class is acquired THEN it is not delayed (buckets per operation)', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 0 });
      for (let i = 0; i < 5; i++) await limiter.acquire('GetComposition');
      let started = false;
      const start = limiter.acquire('StartComposition').then(() => (started = true));
      await flush();
      expect(started).to.equal(true);
      await start;
      let got = false;
      void limiter.acquire('GetComposition').then(() => (got = true));
      await flush();
      expect(got).to.equal(false);
      await clock.runNext();
      expect(got).to.equal(true);
      expect(clock.now()).to.equal(200);
    });

    it('GIVEN two scopes (regions) WHEN one is exhausted THEN the other is not', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 0 });
      const east = limiter.forScope('us-east-1');
      for (let i = 0; i < 5; i++) await east.acquire('ListCompositions');
      let west = false;
      void limiter
        .forScope('eu-west-1')
        .acquire('ListCompositions')
        .then(() => (west = true));
      await flush();
      expect(west).to.equal(true);
      expect(limiter.forScope('us-east-1')).to.equal(east);
    });

    it('GIVEN an idle second WHEN acquiring again THEN the bucket has refilled but never beyond burst', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 0 });
      for (let i = 0; i < 5; i++) await limiter.acquire('GetComposition');
      clock.setTimer(() => {}, 10_000);
      await clock.runAll();
      const grantedAt: number[] = [];
      const all = Array.from({ length: 6 }, () => limiter.acquire('GetComposition').then(() => grantedAt.push(clock.now())));
      await flush();
      await clock.runAll();
      await Promise.all(all);
      expect(grantedAt.slice(0, 5)).to.deep.equal([10_000, 10_000, 10_000, 10_000, 10_000]);
      expect(grantedAt[5]).to.equal(10_200);
    });

    it('GIVEN a waiting acquire WHEN its signal aborts THEN it rejects with the reason and gives its slot back', async () => {
      const clock = new DrivenClock();
      const limiter = new RateLimiter(LIMITS, { clock, marginMs: 0, startSlackMs: 0 });
      for (let i = 0; i < 5; i++) await limiter.acquire('GetComposition');
      const controller = new AbortController();
      const waiting = limiter.acquire('GetComposition', controller.signal);
      controller.abort(new Error('interrupted'));
      let reason: unknown;
      await waiting.catch((e) => (reason = e));
      expect((reason as Error).message).to.equal('interrupted');
      const next = limiter.acquire('GetComposition').then(() => clock.now());
      await clock.runAll();
      expect(await next).to.equal(200);
    });
  });
});

describe('concurrency', () => {
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  }

  it('GIVEN 10 items and limit 3 WHEN mapped THEN at most 3 run at once and results keep input order', async () => {
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 10 }, () => deferred<void>());
    const result = mapWithConcurrency([...Array(10).keys()], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await gates[n].promise;
      running--;
      return n * 10;
    });
    // Finish in reverse-ish order to show that order comes from the input, not completion.
    for (const i of [2, 1, 0, 5, 4, 3, 9, 8, 7, 6]) {
      await flush();
      gates[i].resolve();
    }
    expect(await result).to.deep.equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(peak).to.equal(3);
  });

  it('GIVEN an abort midway WHEN mapping THEN no new item starts and the promise rejects with the reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const result = mapWithConcurrency(
      [...Array(10).keys()],
      2,
      async (n) => {
        started.push(n);
        if (n === 3) controller.abort(new Error('stop'));
        await flush();
        return n;
      },
      controller.signal,
    );
    let error: unknown;
    await result.catch((e) => (error = e));
    expect((error as Error).message).to.equal('stop');
    expect(started.length).to.be.lessThan(6);
  });

  it('GIVEN a failing item WHEN mapping THEN the promise rejects with that failure and stops scheduling', async () => {
    const started: number[] = [];
    let error: unknown;
    await mapWithConcurrency([1, 2, 3, 4, 5, 6], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    }).catch((e) => (error = e));
    expect((error as Error).message).to.equal('boom');
    expect(started).to.deep.equal([1, 2]);
  });

  it('GIVEN an empty list WHEN mapped THEN it resolves to []', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).to.deep.equal([]);
  });

  it('GIVEN a gate of 2 WHEN 5 tasks are run THEN at most 2 are in flight', async () => {
    const gate = createConcurrencyGate(2);
    let running = 0;
    let peak = 0;
    const tasks = [...Array(5).keys()].map((n) =>
      gate(async () => {
        running++;
        peak = Math.max(peak, running);
        await flush();
        running--;
        return n;
      }),
    );
    expect(await Promise.all(tasks)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(peak).to.equal(2);
  });

  it('rejects a limit that is not a positive whole number', async () => {
    expect(() => createConcurrencyGate(0)).to.throw(RangeError);
    let error: unknown;
    await mapWithConcurrency([1], 0, async (n) => n).catch((e) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
  });
});
