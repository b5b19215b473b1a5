// What IVS echoes back for a composition: the request with AWS's documented defaults filled in.
// Written independently of core/model/spec.ts on purpose: the emulator plays AWS, and stageform's
// normalisation is tested against it, not against itself.
type Json = Record<string, unknown>;

const GRID_DEFAULTS: Json = {
  featuredParticipantAttribute: '',
  omitStoppedVideo: false,
  videoAspectRatio: 'VIDEO',
  gridGap: 2,
  participantOrderAttribute: '',
};

const PIP_DEFAULTS: Json = {
  featuredParticipantAttribute: '',
  omitStoppedVideo: false,
  videoFillMode: 'COVER',
  gridGap: 0,
  pipParticipantAttribute: '',
  pipBehavior: 'STATIC',
  pipOffset: 0,
  pipPosition: 'BOTTOM_RIGHT',
  participantOrderAttribute: '',
};

export function fillLayoutDefaults(layout: Json | undefined): Json {
  if (layout?.pip) return { pip: { ...PIP_DEFAULTS, ...definedOnly(layout.pip as Json) } };
  return { grid: { ...GRID_DEFAULTS, ...definedOnly((layout?.grid as Json | undefined) ?? {}) } };
}

export function fillDestinationDefaults(destination: Json): Json {
  const out: Json = {};
  if (destination.name !== undefined) out.name = destination.name;
  if (destination.channel) out.channel = definedOnly(destination.channel as Json);
  if (destination.s3) {
    const s3 = destination.s3 as Json;
    const recording = (s3.recordingConfiguration as Json | undefined) ?? {};
    const hls = (recording.hlsConfiguration as Json | undefined) ?? {};
    const thumbnails = (s3.thumbnailConfigurations as Json[] | undefined) ?? [{}];
    out.s3 = {
      storageConfigurationArn: s3.storageConfigurationArn,
      encoderConfigurationArns: [...(s3.encoderConfigurationArns as string[])],
      recordingConfiguration: {
        format: recording.format ?? 'HLS',
        hlsConfiguration: { targetSegmentDurationSeconds: hls.targetSegmentDurationSeconds ?? 2 },
      },
      thumbnailConfigurations: thumbnails.map((t) => ({
        targetIntervalSeconds: t.targetIntervalSeconds ?? 60,
        storage: t.storage ? [...(t.storage as string[])] : ['SEQUENTIAL'],
      })),
    };
  }
  return out;
}

export const ENCODER_VIDEO_DEFAULTS = { width: 1280, height: 720, framerate: 30, bitrate: 2500000 };

function definedOnly(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null));
}
