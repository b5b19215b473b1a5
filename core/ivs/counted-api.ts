// An IvsApi that reports each call's operation and outcome (for metrics and the budget): the
// calls a tick makes, and which of them were throttled after the SDK's own retries.
import { ApiError, type IvsApi, type IvsOperation } from './ivs-api.js';

export type CallOutcome = 'ok' | 'throttled' | 'error';

export function countCalls(api: IvsApi, onCall: (operation: IvsOperation, outcome: CallOutcome) => void): IvsApi {
  async function counted<T>(operation: IvsOperation, call: () => Promise<T>): Promise<T> {
    try {
      const value = await call();
      onCall(operation, 'ok');
      return value;
    } catch (error) {
      onCall(operation, error instanceof ApiError && error.code === 'ThrottlingException' ? 'throttled' : 'error');
      throw error;
    }
  }
  return {
    region: api.region,
    // Not a call: the service's clock as the wrapped API last heard it (the 24-hour limit reads it).
    ...(api.serviceNow ? { serviceNow: () => api.serviceNow!() } : {}),
    listStages: (input) => counted('ListStages', () => api.listStages(input)),
    getStage: (arn) => counted('GetStage', () => api.getStage(arn)),
    listCompositions: (input) => counted('ListCompositions', () => api.listCompositions(input)),
    getComposition: (arn) => counted('GetComposition', () => api.getComposition(arn)),
    listParticipants: (input) => counted('ListParticipants', () => api.listParticipants(input)),
    getEncoderConfiguration: (arn) => counted('GetEncoderConfiguration', () => api.getEncoderConfiguration(arn)),
    getStorageConfiguration: (arn) => counted('GetStorageConfiguration', () => api.getStorageConfiguration(arn)),
    getChannel: (arn) => counted('GetChannel', () => api.getChannel(arn)),
    getStream: (channelArn) => counted('GetStream', () => api.getStream(channelArn)),
    startComposition: (input) => counted('StartComposition', () => api.startComposition(input)),
    stopComposition: (arn) => counted('StopComposition', () => api.stopComposition(arn)),
    tagResource: (arn, tags) => counted('TagResource', () => api.tagResource(arn, tags)),
    untagResource: (arn, keys) => counted('UntagResource', () => api.untagResource(arn, keys)),
  };
}
