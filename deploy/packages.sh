#!/usr/bin/env bash
# Installs the Debian packages Ferry builds, runs and tests with (idempotent).
# Used by deploy/setup.sh and .ci/run.
set -euo pipefail

packages=(
    libfcgi-dev libfcgi-bin libsqlite3-dev libpq-dev libargon2-dev libssl-dev    # the C libraries Ferry links
    nginx-light spawn-fcgi supervisor                   # the front and the supervisors
    postgresql-15 postgresql-client-15                  # production database, and the tests' server
    wrk python3-pip curl ca-certificates openssl        # benchmarks, the OpenAPI validator, secrets
)
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# The reference OpenAPI validator, used by the test suite.
python3 -c "import openapi_spec_validator" 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages openapi-spec-validator
