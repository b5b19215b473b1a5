// The baseline: what a user's script does today with the AWS CLI, one call at a time: for every
// stage, GetStage, then ListCompositions for that stage, then GetComposition for each composition
// found. The SDK's default retries apply (standard mode, 3 attempts); a call that still fails on
// throttling is sent again, as a script wrapped in a retry loop would, and counted.
// This is the one place outside core/ivs/ivs-client.ts that uses the SDK directly: the baseline must
// be the plain SDK, not stageform's client with its pacing.
import { GetCompositionCommand, GetStageCommand, IVSRealTimeClient, ListCompositionsCommand } from '@aws-sdk/client-ivs-realtime';

export interface NaiveResult {
  readonly wallMs: number;
  readonly stages: number;
  readonly compositions: number;
  /** Calls that failed even after the SDK's own retries and were sent again. */
  readonly gaveUp: number;
}

export async function runNaiveScript(endpoint: string, region: string, stageArns: readonly string[]): Promise<NaiveResult> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const client = new IVSRealTimeClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  let gaveUp = 0;
  let compositions = 0;
  const once = async <T>(send: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await send();
      } catch (error) {
        if ((error as { name?: string }).name !== 'ThrottlingException') throw error;
        gaveUp++;
      }
    }
  };
  const began = performance.now();
  try {
    for (const stageArn of stageArns) {
      await once(() => client.send(new GetStageCommand({ arn: stageArn })));
      let nextToken: string | undefined;
      do {
        const page = await once(() => client.send(new ListCompositionsCommand({ filterByStageArn: stageArn, nextToken })));
        for (const summary of page.compositions ?? []) {
          await once(() => client.send(new GetCompositionCommand({ arn: summary.arn })));
          compositions++;
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
  } finally {
    client.destroy();
  }
  return { wallMs: performance.now() - began, stages: stageArns.length, compositions, gaveUp };
}
