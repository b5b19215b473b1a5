// IVS ARNs, parsed in one place.

/** `arn:aws:ivs:REGION:ACCOUNT:KIND/ID` -> its parts, or undefined when it is not such an ARN. */
export function parseIvsArn(arn: string): { region: string; accountId: string; kind: string; id: string } | undefined {
  const m = /^arn:aws:ivs:([a-z0-9-]+):([0-9]+):([a-z-]+)\/([a-zA-Z0-9-]+)$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], kind: m[3], id: m[4] } : undefined;
}
