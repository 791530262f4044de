# Sourced by the scripts: puts the Swift toolchain on PATH when it is not there yet.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || { echo "swift not found: install Swift 6.1 or newer (expected at /opt/swift)" >&2; exit 1; }
