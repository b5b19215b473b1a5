// The IVS low-latency API's channel reads (GetChannel, GetStream), as much of it as stageform needs.
// A channel is live while an outside broadcast (an RTMP encoder, started with the admin API or
// seeded) or an ACTIVE composition's ACTIVE destination feeds it; otherwise GetStream answers
// ChannelNotBroadcasting, as the model documents.
import { EmulatedApiError } from '../api-error.js';
import { requireIn, type OperationTable, type World } from '../world.js';
import type { ChannelRecord, Json } from '../world-state.js';

const CHANNEL = 'Channel';

export const CHANNEL_OPERATIONS: OperationTable = {
  GetChannel: (world, i) => ({ channel: viewChannel(world, requireIn(world.state.channels, i.arn as string, CHANNEL)) }),
  GetStream: (world, i) => {
    const channel = requireIn(world.state.channels, i.channelArn as string, CHANNEL);
    const stream = liveStreamOf(world, channel);
    if (!stream) throw new EmulatedApiError('ChannelNotBroadcasting', `The stream is offline for the given channel ARN: ${channel.arn}`);
    return { stream };
  },
};

/** What feeds a channel now: an outside broadcast, a composition (its ARN), or nothing. */
export type ChannelFeed = { readonly kind: 'outside'; readonly streamId: string; readonly startTime: number } | { readonly kind: 'composition'; readonly arn: string; readonly streamId: string; readonly startTime: number };

export function channelFeedOf(world: World, channelArn: string): ChannelFeed | undefined {
  const channel = world.state.channels.find((c) => c.arn === channelArn);
  if (channel?.broadcast) return { kind: 'outside', ...channel.broadcast };
  for (const c of world.state.compositions) {
    if (c.state !== 'ACTIVE') continue;
    const d = c.destinations.find((x) => x.state === 'ACTIVE' && (x.configuration.channel as Json | undefined)?.channelArn === channelArn);
    if (d) return { kind: 'composition', arn: c.arn, streamId: `st-${c.id}${d.id}`.slice(0, 40), startTime: d.startTime ?? c.startTime };
  }
  return undefined;
}

function liveStreamOf(world: World, channel: ChannelRecord): Json | undefined {
  const feed = channelFeedOf(world, channel.arn);
  if (!feed) return undefined;
  return {
    channelArn: channel.arn,
    streamId: feed.streamId,
    playbackUrl: playbackUrlOf(world, channel),
    startTime: new Date(feed.startTime).toISOString(),
    state: 'LIVE',
    health: 'HEALTHY',
    viewerCount: 0,
  };
}

function playbackUrlOf(world: World, channel: ChannelRecord): string {
  return `https://emulated.${world.state.region}.playback.live-video.net/api/video/v1/${world.state.region}.${world.state.accountId}.channel.${channel.id}.m3u8`;
}

function viewChannel(world: World, channel: ChannelRecord): Json {
  return {
    arn: channel.arn,
    name: channel.name ?? '',
    latencyMode: 'LOW',
    type: 'STANDARD',
    recordingConfigurationArn: '',
    ingestEndpoint: `emulated.global-contribute.live-video.net`,
    playbackUrl: playbackUrlOf(world, channel),
    authorized: false,
    insecureIngest: false,
    preset: '',
    playbackRestrictionPolicyArn: '',
    tags: { ...channel.tags },
  };
}
