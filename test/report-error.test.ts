import { expect } from 'chai';
import { redact, reportError } from '../cli/report-error.js';
import { UserError } from '../core/model/diagnostics.js';
import { ApiError } from '../core/ivs/ivs-api.js';

describe('redact', () => {
  const cases: { text: string; want: string }[] = [
    { text: 'X-Amz-Credential=AKIAIOSFODNN7EXAMPLE/20261121/us-east-1', want: 'X-Amz-Credential=***' },
    { text: 'aws_secret_access_key = wJalrXUtnFEMI', want: 'aws_secret_access_key = ***' },
    { text: '{"secretAccessKey":"wJalrXUtnFEMI"}', want: '{"secretAccessKey":"***"}' },
    { text: 'sessionToken=FQoGZXIvYXdzE', want: 'sessionToken=***' },
    { text: 'Signature=0123abcd&x=1', want: 'Signature=***&x=1' },
    { text: 'key AKIAIOSFODNN7EXAMPLE in a sentence', want: 'key AKIA**************** in a sentence' },
    // Prose that names a credential is not a secret and stays readable.
    { text: 'no usable AWS credentials from the default credential chain', want: 'no usable AWS credentials from the default credential chain' },
    { text: 'the Signature does not match', want: 'the Signature does not match' },
  ];
  for (const c of cases) {
    it(`GIVEN ${JSON.stringify(c.text)} THEN ${JSON.stringify(c.want)}`, () => expect(redact(c.text)).to.equal(c.want));
  }
});

describe('reportError', () => {
  function capture(error: unknown, env: NodeJS.ProcessEnv = {}): { code: number; err: string } {
    let err = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: '/', env };
    return { code: reportError(io, error), err };
  }

  it('GIVEN a UserError THEN one Error line and its hint, exit 1', () => {
    expect(capture(new UserError('X', 'stale plan', { hint: 'plan again' }))).to.deep.equal({ code: 1, err: 'Error: stale plan\n  hint: plan again\n' });
  });

  it('GIVEN an ApiError carrying a secret THEN one line naming the operation and code, the secret redacted', () => {
    const { code, err } = capture(new ApiError('StartComposition', 'AccessDeniedException', 'denied for sessionToken=FQoGZXIvYXdzE'));
    expect(code).to.equal(1);
    expect(err).to.equal('Error: StartComposition failed: AccessDeniedException: denied for sessionToken=***\n');
  });

  it('GIVEN an unexpected error THEN one line asking for a report and no stack, unless STAGEFORM_DEBUG is set', () => {
    const plain = capture(new TypeError('x is undefined'));
    expect(plain.err.trim().split('\n')).to.have.length(1);
    expect(plain.err).to.contain('Please report it');
    expect(capture(new TypeError('x is undefined'), { STAGEFORM_DEBUG: '1' }).err).to.contain('    at ');
  });
});
