#!/usr/bin/env bash
# Build the frozen app (PyInstaller, one folder) from packaging/consultapp.spec.
#
#   packaging/build.sh [--dist DIR] [--work DIR] [--python PYTHON] [--self-test]
#
# DIR defaults: dist/ and build/pyinstaller/ at the top of the checkout. PYTHON defaults to $PYTHON,
# then .venv/bin/python, then python3; it needs the app installed and PyInstaller
# (pip install -e '.[packaging]'). With --self-test, the built app checks itself off screen.
# The result is DIST/ConsultApp/ with the executable DIST/ConsultApp/consultapp (consultapp.exe on
# Windows, ConsultApp.app beside it on macOS).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
PY="${PYTHON:-}"
SELF_TEST=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --python) PY="$2"; shift 2 ;;
        --self-test) SELF_TEST=1; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$PY" ]; then
    if [ -x "$ROOT/.venv/bin/python" ]; then PY="$ROOT/.venv/bin/python"; else PY="python3"; fi
fi
"$PY" -c "import PyInstaller, consultapp" 2>/dev/null || {
    echo "build.sh: $PY needs the app and PyInstaller: pip install -e '.[packaging]'" >&2
    exit 2
}

echo "== PyInstaller ($("$PY" -m PyInstaller --version)) -> $DIST/ConsultApp"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/consultapp.spec"

case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*) APP="$DIST/ConsultApp/consultapp.exe" ;;
    *) APP="$DIST/ConsultApp/consultapp" ;;
esac
[ -x "$APP" ] || { echo "build.sh: $APP was not built" >&2; exit 1; }
echo "built $APP ($(du -sh "$DIST/ConsultApp" | cut -f1))"

if [ -n "${CONSULTAPP_SIGN_HOOK:-}" ]; then
    # Signing hook (packaging/README.md): e.g. signtool on Windows, codesign + notarytool on macOS.
    echo "== signing: $CONSULTAPP_SIGN_HOOK $DIST/ConsultApp"
    "$CONSULTAPP_SIGN_HOOK" "$DIST/ConsultApp"
fi

if [ "$SELF_TEST" -eq 1 ]; then
    "$ROOT/packaging/self-test-frozen.sh" "$APP"
fi
