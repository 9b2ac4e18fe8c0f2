#!/usr/bin/env bash
# Runs zeromq.js's own unit tests (test/unit of a zeromq.js checkout) against a `zeromq` module of your
# choice, in a scratch directory outside this repository. Nothing of that suite is stored here: the
# script copies the test files from the checkout you point it at.
#
#   run-zeromqjs-suite.sh <zeromq.js checkout> <module> [scratch dir] [mocha args...]
#
# <module> is either `npm:<version>` (the real binding from the registry, e.g. npm:6.8.0, for the
# baseline) or a path to a built package directory (e.g. packages/zeromq of this repository), which is
# linked as node_modules/zeromq. The test files import `../../src` and `../../src/errors`; the scratch
# directory's src/ re-exports `zeromq` there, so only the module under test changes.
#
# Left out: draft-socket files (*draft*), the v5 compatibility folder (compat/) and the typings tests
# (they compile zeromq.js's own declaration files). Environment: SKIP_GC_TESTS=true skips the
# garbage-collector probes, as zeromq.js's own `test.unit.nogc` script does.
set -euo pipefail

checkout=$(cd "${1:?zeromq.js checkout}" && pwd)
module=${2:?npm:<version> or a package directory}
# A package directory is resolved now, before the script changes into the scratch directory.
case "$module" in
  npm:*) ;;
  *) module=$(cd "$module" && pwd) ;;
esac
scratch=${3:-${TMPDIR:-/tmp}/zeromqjs-suite}
shift $(( $# < 3 ? $# : 3 ))

mkdir -p "$scratch/test/unit" "$scratch/src" "$scratch/tmp"
rm -f "$scratch"/test/unit/*.ts "$scratch/tmp/port-id.lock"
for file in "$checkout"/test/unit/*.ts; do
  case "$(basename "$file")" in
    *draft* | typings-*) continue ;;
  esac
  cp "$file" "$scratch/test/unit/"
done

cat >"$scratch/src/index.ts" <<'TS'
export * from "zeromq"
TS
cat >"$scratch/src/errors.ts" <<'TS'
export interface FullError extends Error {
  code?: string
  errno?: number
  address?: string
}
export function isFullError(err: unknown): err is FullError {
  return err instanceof Error
}
TS
# Helpers start child processes and workers with require(<scratch dir>): point it at the module too.
echo 'module.exports = require("zeromq")' >"$scratch/index.js"
cat >"$scratch/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2019",
    "module": "commonjs",
    "moduleResolution": "node",
    "esModuleInterop": true,
    "strict": true,
    "skipLibCheck": true,
    "lib": ["ES2019", "ES2021.WeakRef"]
  }
}
JSON
# zeromq.js's mocha settings (its .mocharc.js), minus `parallel`: ports come from one lock file either way,
# and a serial run is steadier on a loaded machine.
cat >"$scratch/.mocharc.js" <<'JS'
module.exports = {
  require: ["ts-node/register"],
  "expose-gc": true,
  "v8-expose-gc": true,
  exit: true,
  timeout: 6000,
  retries: 3,
  bail: false,
}
JS
cat >"$scratch/package.json" <<'JSON'
{
  "name": "zeromqjs-suite-scratch",
  "private": true,
  "devDependencies": {
    "@types/chai": "^4", "@types/mocha": "^10", "@types/node": "^20", "@types/semver": "^7",
    "chai": "^4", "fs-extra": "^11", "mocha": "11.8.0", "proper-lockfile": "4.1.2", "semver": "^7",
    "ts-node": "10.9.2", "typescript": "4.9.5", "which": "^5"
  }
}
JSON

cd "$scratch"
[ -d node_modules/mocha ] || npm install --no-audit --no-fund >/dev/null
rm -rf node_modules/zeromq
case "$module" in
  npm:*)
    real="$scratch/real/${module#npm:}"
    if [ ! -d "$real/node_modules/zeromq" ]; then
      mkdir -p "$real" && echo '{"private":true}' >"$real/package.json"
      npm install --prefix "$real" --no-audit --no-fund "zeromq@${module#npm:}" >/dev/null
    fi
    ln -s "$real/node_modules/zeromq" node_modules/zeromq
    ;;
  *) ln -s "$module" node_modules/zeromq ;;
esac

# Type-checking is left to each implementation's own declarations; the suite checks behaviour.
export TS_NODE_TRANSPILE_ONLY=true
exec npx mocha --reporter "${MOCHA_REPORTER:-dot}" "$@" ./test/unit/*-test.ts
