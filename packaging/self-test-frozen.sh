#!/usr/bin/env bash
# Run the frozen app's self-test off screen, away from the source tree and the user's folders.
#
#   packaging/self-test-frozen.sh DIST/ConsultApp/consultapp
#
# A skipped check fails here (CONSULTAPP_SELF_TEST_STRICT=1): a shipped app must pass every one.
set -euo pipefail
APP="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SANDBOX="$(mktemp -d)"
trap 'rm -rf "$SANDBOX"' EXIT
mkdir -p "$SANDBOX/home"
# The --self-test flag, or the self-test command of builds from before the flag.
if "$APP" --help 2>/dev/null | grep -q -- "--self-test"; then ARGS=(--self-test); else ARGS=(self-test); fi
echo "== self-test: $APP ${ARGS[*]}"
cd "$SANDBOX"
env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV \
    HOME="$SANDBOX/home" XDG_DATA_HOME="$SANDBOX/home/.local/share" XDG_CONFIG_HOME="$SANDBOX/home/.config" \
    XDG_CACHE_HOME="$SANDBOX/home/.cache" TMPDIR="$SANDBOX" \
    QT_QPA_PLATFORM=offscreen CONSULTAPP_SELF_TEST_STRICT=1 CONSULTAPP_SELF_TEST_TRACEBACK=1 \
    "$APP" "${ARGS[@]}"
