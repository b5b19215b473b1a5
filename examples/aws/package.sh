#!/usr/bin/env bash
# Builds the Lambda function package: stageform packed from this checkout with its production
# dependencies, the project's manifests under project/ (STAGEFORM_DIR=/var/task/project), and
# index.mjs. Usage: examples/aws/package.sh PROJECT_DIR [OUT.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
project="$(cd "${1:?usage: package.sh PROJECT_DIR [OUT.zip]}" && pwd)"
out="$(realpath -m "${2:-stageform-lambda.zip}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
cd "$work"
echo '{ "private": true, "type": "module" }' > package.json
npm install --silent --omit=dev --no-audit --no-fund ./stageform-*.tgz
rm stageform-*.tgz
mkdir project
# The manifests as the repository holds them, without local state or VCS data.
tar -C "$project" --exclude=.stageform --exclude=.git --exclude=node_modules -cf - . | tar -C project -xf -
cp "$here/index.mjs" .
rm -f "$out"
zip -qr "$out" index.mjs package.json node_modules project
echo "$out"
