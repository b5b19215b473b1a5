#!/usr/bin/env node
// The AWS SDK warns about Node 20 on stderr; that notice is ours to give, not the user's plan's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { runCli } = await import('../dist/cli/main.js');
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
