#!/usr/bin/env bash
# The whole test suite: unit, handler (fake FastCGI request), worker and end-to-end
# (real nginx) tests. Run deploy/setup.sh (or deploy/packages.sh) once before.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/swift-env.sh
swift build --build-tests
swift test --skip-build "$@"
