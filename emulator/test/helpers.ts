// Shared set-up for the emulator's tests: a seeded emulator on a free port and a real SDK client.
import { IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type SeedDocument } from '../index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const STAGE_ID = 'AbCdEfGh1234';
export const STAGE_ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/${STAGE_ID}`;
export const EMPTY_STAGE_ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}:stage/EmptyStage01`;
export const CHANNEL_ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/ChAnNeLmain1`;
export const ENCODER_ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}:encoder-configuration/EnCoDeRhd720`;
export const STORAGE_ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}:storage-configuration/StOrAgEarch1`;

export const WORLD: SeedDocument = {
  stages: [
    { id: STAGE_ID, name: 'morning-show', tags: { team: 'media' }, participants: [{ userId: 'host-1' }] },
    { id: 'EmptyStage01', name: 'empty' },
  ],
  channels: [{ id: 'ChAnNeLmain1', name: 'main' }],
  encoderConfigurations: [{ id: 'EnCoDeRhd720', name: 'hd' }],
  storageConfigurations: [{ id: 'StOrAgEarch1', name: 'archive' }],
};

export const S3_DESTINATION = { s3: { storageConfigurationArn: STORAGE_ARN, encoderConfigurationArns: [ENCODER_ARN] } };
export const CHANNEL_DESTINATION = { channel: { channelArn: CHANNEL_ARN, encoderConfigurationArn: ENCODER_ARN } };

export interface TestWorld {
  handle: EmulatorHandle;
  client: IVSRealTimeClient;
}

export function createClient(endpoint: string, maxAttempts = 1): IVSRealTimeClient {
  return new IVSRealTimeClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' },
    maxAttempts,
  });
}

export async function startWorld(options: EmulatorOptions = {}): Promise<TestWorld> {
  const handle = await startEmulator({ clock: 'manual', seed: WORLD, ...options });
  return { handle, client: createClient(handle.endpoint) };
}

export async function stopWorld(world: TestWorld | undefined): Promise<void> {
  world?.client.destroy();
  await world?.handle.stop();
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
