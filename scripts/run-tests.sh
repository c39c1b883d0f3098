#!/usr/bin/env bash
# Every check CI runs, in order, stopping at the first failure: shellcheck · ruff check ·
# ruff format --check · mypy · import contracts · protocol doc current · pytest
#
#   scripts/run-tests.sh [PYTEST ARGS...]     e.g. scripts/run-tests.sh -x -k outbox
#
# pytest runs offscreen (QT_QPA_PLATFORM=offscreen) on a private D-Bus session with an unlocked
# GNOME keyring (scripts/with-keyring.sh), so keyring tests meet a real Secret Service.
# Exit code: that of the first failing step (pytest's own when the tests fail), 0 when all pass.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
BIN=.venv/bin
if [ ! -x "$BIN/python" ]; then
    echo "run-tests: no .venv here; run scripts/bootstrap.sh first" >&2
    exit 1
fi
export PATH="$PWD/$BIN:$PATH"

banner() { printf '\n======== %s ========\n' "$*"; }

step() {
    local name=$1 status=0 start=$SECONDS
    shift
    banner "[$name] $*"
    "$@" || status=$?
    if [ "$status" -ne 0 ]; then
        banner "FAILED: $name (exit $status after $((SECONDS - start)) s)"
        exit "$status"
    fi
    printf -- '-- %s: ok (%d s)\n' "$name" $((SECONDS - start))
}

step "shellcheck" shellcheck scripts/*.sh .ci/run
step "ruff check" ruff check app tests
step "ruff format" ruff format --check app tests
step "mypy" mypy
step "import contracts" lint-imports --no-cache
step "protocol doc current" python -m homeseat.protocol.schema_doc --check

# The keyring check first: a broken Secret Service should fail loudly here, not as odd test
# failures. Then pytest, whose exit code (and closing summary line) is what this script returns.
pytest_status=0
banner "[pytest] QT_QPA_PLATFORM=offscreen, private D-Bus + GNOME keyring, args: ${*:-(none)}"
start=$SECONDS
QT_QPA_PLATFORM=offscreen bash scripts/with-keyring.sh bash -c '
    python - <<"EOF" || exit 3
import sys
import keyring
from keyring.backends.SecretService import Keyring
backend = keyring.get_keyring()
if not isinstance(backend, Keyring):
    sys.exit(f"run-tests: keyring backend is {type(backend).__name__}, not the Secret Service")
keyring.set_password("homeseat-run-tests", "probe", "ok")
assert keyring.get_password("homeseat-run-tests", "probe") == "ok"
keyring.delete_password("homeseat-run-tests", "probe")
print("-- keyring: real Secret Service (gnome-keyring) answers")
EOF
    exec python -m pytest "$@"
' run-tests "$@" || pytest_status=$?
if [ "$pytest_status" -ne 0 ]; then
    banner "FAILED: pytest (exit $pytest_status after $((SECONDS - start)) s)"
    exit "$pytest_status"
fi
# Nothing after pytest's own summary line on success: CI reads the closing line.
