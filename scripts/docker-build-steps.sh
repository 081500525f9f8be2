#!/usr/bin/env bash
# Runs the Dockerfile's steps without a container engine, to check them on a machine that has none:
# the build stage in a clean copy of the sources (what .dockerignore lets through), then the
# runtime stage's contents alone (.output, nothing else) migrating an empty database, starting, and
# answering its health check and readiness. Takes a few minutes; prints one line per step.
#   bash scripts/docker-build-steps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
step() { echo "▶ $*"; }

step "context: copy the sources .dockerignore lets through"
mkdir -p "$WORK/build" "$WORK/runtime" "$WORK/data"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - \
  --exclude=node_modules --exclude=.output --exclude=.nuxt --exclude=.data --exclude=test-results --exclude=.env \
  | tar -xf - -C "$WORK/build"

step "build stage: npm ci --ignore-scripts, patch-package, nuxt prepare, npm run build"
(cd "$WORK/build" && npm ci --no-audit --no-fund --ignore-scripts > "$WORK/npm.log" 2>&1 && npx patch-package > /dev/null && npx nuxt prepare > /dev/null 2>&1 && npm run build > "$WORK/build.log" 2>&1) \
  || { echo "✘ build failed: see $WORK/build.log"; tail -20 "$WORK/build.log"; exit 1; }

step "runtime stage: only .output, no node_modules, no sources"
cp -r "$WORK/build/.output" "$WORK/runtime/"
du -sh "$WORK/runtime/.output" | awk '{print "  image contents: " $1}'

cd "$WORK/runtime"
export NODE_ENV=production NUXT_PGLITE_DIR="$WORK/data/pglite" NUXT_BLOB_DIR="$WORK/data/blobs" NUXT_MAIL_OUTBOX_DIR="$WORK/data/outbox"
step "node .output/server/cli.mjs migrate"
node .output/server/cli.mjs migrate

step "node .output/server/index.mjs, then /api/health and /api/ready"
PORT=39123 HOST=127.0.0.1 NUXT_ENCRYPTION_KEYS="k1:$(head -c 32 /dev/urandom | base64)" node .output/server/index.mjs > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -fs http://127.0.0.1:39123/api/health > /dev/null 2>&1 && break; sleep 0.5; done
curl -fs http://127.0.0.1:39123/api/health > /dev/null || { echo "✘ no health"; tail -20 "$WORK/server.log"; exit 1; }
curl -fs http://127.0.0.1:39123/api/ready > /dev/null || { echo "✘ not ready"; curl -s http://127.0.0.1:39123/api/ready; exit 1; }
grep -q "No super admin exists yet" "$WORK/server.log" && echo "  the server says how to make the first super admin"
echo "✔ the image's steps work"
