#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: installs what Ferry needs, builds it and
# runs it behind nginx, then prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/packages.sh
deploy/run.sh start
