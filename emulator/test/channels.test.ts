// The low-latency API's channel reads, through the real @aws-sdk/client-ivs: what preflight sees.
import { ChannelNotBroadcasting, GetChannelCommand, GetStreamCommand, IvsClient, ResourceNotFoundException, ValidationException } from '@aws-sdk/client-ivs';
import { StartCompositionCommand, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import { expect } from 'chai';
import { ACCOUNT, CHANNEL_ARN, CHANNEL_DESTINATION, REGION, STAGE_ARN, rejectionOf, startWorld, stopWorld, type TestWorld } from './helpers.js';

const OUTSIDE_ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/OuTsIdElive1`;

describe('emulator: channels (IVS low-latency API)', function () {
  this.timeout(20_000);
  let world: TestWorld | undefined;
  let ivs: IvsClient;
  beforeEach(async () => {
    world = await startWorld();
    world.handle.emulator.seed({ channels: [{ id: 'OuTsIdElive1', name: 'outside', live: true }] });
    ivs = new IvsClient({ endpoint: world.handle.endpoint, region: REGION, credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'x' }, maxAttempts: 1 });
  });
  afterEach(async () => {
    ivs.destroy();
    await stopWorld(world);
  });

  it('GIVEN a seeded channel WHEN GetChannel THEN it answers in the model shape; an unknown one is ResourceNotFoundException; a malformed ARN ValidationException', async () => {
    const out = await ivs.send(new GetChannelCommand({ arn: CHANNEL_ARN }));
    expect(out.channel).to.include({ arn: CHANNEL_ARN, name: 'main', latencyMode: 'LOW', type: 'STANDARD' });
    expect(await rejectionOf(ivs.send(new GetChannelCommand({ arn: `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/NoSuchChan1` })))).to.be.instanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ivs.send(new GetChannelCommand({ arn: 'not-a-channel' })))).to.be.instanceOf(ValidationException);
  });

  it('GIVEN an idle channel WHEN a composition broadcasts to it THEN GetStream is LIVE while ACTIVE and ChannelNotBroadcasting once stopped', async () => {
    expect(await rejectionOf(ivs.send(new GetStreamCommand({ channelArn: CHANNEL_ARN })))).to.be.instanceOf(ChannelNotBroadcasting);
    const started = await world!.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [CHANNEL_DESTINATION] }));
    world!.handle.emulator.advanceClock(10_000);
    const live = await ivs.send(new GetStreamCommand({ channelArn: CHANNEL_ARN }));
    expect(live.stream).to.include({ channelArn: CHANNEL_ARN, state: 'LIVE' });
    expect(world!.handle.emulator.channels().find((c) => c.arn === CHANNEL_ARN)?.fedBy).to.equal(started.composition!.arn);
    await world!.client.send(new StopCompositionCommand({ arn: started.composition!.arn }));
    world!.handle.emulator.advanceClock(10_000);
    expect(await rejectionOf(ivs.send(new GetStreamCommand({ channelArn: CHANNEL_ARN })))).to.be.instanceOf(ChannelNotBroadcasting);
  });

  it('GIVEN a channel seeded live WHEN read THEN it is live from outside; a composition started on it fails its destination; the admin API stops and restarts the broadcast', async () => {
    expect((await ivs.send(new GetStreamCommand({ channelArn: OUTSIDE_ARN }))).stream?.state).to.equal('LIVE');
    const started = await world!.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [{ channel: { channelArn: OUTSIDE_ARN } }] }));
    expect(started.composition!.destinations![0]!.state).to.equal('FAILED');

    const admin = (path: string) => fetch(`${world!.handle.endpoint}/_emulator/channels/broadcast/${path}`, { method: 'POST', body: JSON.stringify({ channel: 'outside' }) });
    expect((await admin('stop')).status).to.equal(200);
    expect(await rejectionOf(ivs.send(new GetStreamCommand({ channelArn: OUTSIDE_ARN })))).to.be.instanceOf(ChannelNotBroadcasting);
    expect((await admin('stop')).status).to.equal(400); // nothing to stop
    const restarted = await admin('start');
    expect(restarted.status).to.equal(200);
    expect(((await restarted.json()) as { streamId: string }).streamId).to.match(/^st-/);
    expect((await ivs.send(new GetStreamCommand({ channelArn: OUTSIDE_ARN }))).stream?.state).to.equal('LIVE');
  });
});
