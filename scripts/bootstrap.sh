#!/usr/bin/env bash
# Set up everything HomeSeat needs on Debian 12 / Ubuntu (as root), then optionally run something.
#
#   scripts/bootstrap.sh               set up only: system packages, .venv, the package (editable)
#   scripts/bootstrap.sh demo [ARGS]   set up, then `homeseat demo ARGS` (starts Xvfb if no display)
#   scripts/bootstrap.sh test [ARGS]   set up, then scripts/run-tests.sh ARGS (ARGS go to pytest)
#
# Idempotent and quiet: a second run installs nothing and skips pip unless pyproject.toml or
# setup.py changed. Environment: HOMESEAT_PYTHON picks the interpreter (must be 3.11 or 3.12),
# HOMESEAT_SKIP_APT=1 skips the system packages (a machine someone else provisions).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

say() { printf 'bootstrap: %s\n' "$*"; }
die() {
    printf 'bootstrap: ERROR: %s\n' "$*" >&2
    exit 1
}

# ------------------------------------------------------------------------------ system packages
# One list for the app, its tests and the tools later work relies on (SIP peers, TTS, browser).
PACKAGES=(
    # Qt (PySide6 wheels) on offscreen and X11 (xcb) platforms, fonts with Chinese glyphs
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libx11-xcb1
    libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
    libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xinput0
    libxcb-shm0 fonts-noto-cjk
    # audio (sounddevice loads PortAudio)
    libportaudio2
    # a real Secret Service for the keyring tests
    dbus gnome-keyring
    # SIP: registrar/proxy, a foreign user agent, a load/scenario tool
    kamailio kamailio-tls-modules baresip-core sip-tester
    # test audio (speech to files, measurement), a virtual screen
    sox espeak-ng xvfb xauth
    # checks the shell scripts (scripts/run-tests.sh runs it)
    shellcheck
    # installers: the Windows installer script builds on Linux too (scripts/build-installer.sh)
    nsis
)
# Not packaged as .deb everywhere (Ubuntu ships Chromium as a snap): installed when apt has them.
OPTIONAL_PACKAGES=(chromium chromium-driver)

is_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# The interpreter: 3.11 or 3.12 only (pjsua2-python ships wheels up to 3.12).
python_fits() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] in ((3, 11), (3, 12)) else 1)' \
        >/dev/null 2>&1
}

pick_python() {
    local candidate
    for candidate in ${HOMESEAT_PYTHON:-} python3.11 python3.12 python3; do
        # pyenv shims exist for versions that are not selected: actually running it tells.
        if command -v "$candidate" >/dev/null 2>&1 && python_fits "$candidate"; then
            # The real interpreter, not a shim: the venv should not depend on pyenv's mood.
            "$candidate" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    return 1
}

can_make_venv() {
    "$1" -c 'import ensurepip, venv' >/dev/null 2>&1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@" || die "cannot run '$*' as root (sudo asked for a password): run as root"
    else
        die "system packages are missing and this is not root: run scripts/bootstrap.sh as root"
    fi
}

apt_log=$(mktemp "${TMPDIR:-/tmp}/homeseat-apt.XXXXXX")
POLICY_GUARD=""  # a policy-rc.d this script created, to remove whatever happens
XVFB_PID=""
cleanup() {
    rm -f "$apt_log"
    if [ -n "$POLICY_GUARD" ]; then rm -f "$POLICY_GUARD"; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

run_apt() {
    # Quiet unless it fails; then the end of apt's own words says why.
    if ! as_root apt-get -qq -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 "$@" \
        >>"$apt_log" 2>&1; then
        tail -n 25 "$apt_log" >&2
        die "apt-get $1 failed (full log above)"
    fi
}

install_system_packages() {
    local wanted=("${PACKAGES[@]}") missing=() pkg python
    # Without a fitting interpreter that can build a venv, take Debian's/Ubuntu's own.
    python=$(pick_python || true)
    if [ -z "$python" ] || ! can_make_venv "$python"; then
        wanted+=(python3 python3-venv)
    fi
    for pkg in "${wanted[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    local optional_missing=() policy_text
    for pkg in "${OPTIONAL_PACKAGES[@]}"; do
        is_installed "$pkg" || optional_missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ] && [ ${#optional_missing[@]} -eq 0 ]; then
        say "system packages: all present"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || die "no apt-get: install by hand: ${missing[*]}"
    local updated=0
    if [ ${#missing[@]} -gt 0 ]; then
        say "system packages: installing ${missing[*]}"
        run_apt update
        updated=1
    elif ! compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
        run_apt update  # no package lists at all: apt could not know any candidate
        updated=1
    fi
    for pkg in "${optional_missing[@]}"; do
        # Read the whole answer first: grep -q closing the pipe early would fail under pipefail.
        policy_text=$(apt-cache policy "$pkg" 2>/dev/null || true)
        if [[ "$policy_text" == *"Candidate: "[0-9]* ]]; then
            missing+=("$pkg")
            say "system packages: installing $pkg"
        else
            say "note: apt has no $pkg here (a snap on Ubuntu): install it another way"
        fi
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    if [ "$updated" -eq 0 ]; then run_apt update; fi
    # Do not let package scripts start daemons (kamailio would take port 5060 for good): tests
    # start their own. policy-rc.d is the standard switch: made only if none exists, then removed.
    local policy=/usr/sbin/policy-rc.d
    if [ "$(id -u)" -eq 0 ] && [ ! -e "$policy" ]; then
        POLICY_GUARD=$policy
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
    fi
    run_apt install -y --no-install-recommends "${missing[@]}"
    if [ -n "$POLICY_GUARD" ]; then
        rm -f "$POLICY_GUARD"
        POLICY_GUARD=""
    fi
    say "system packages: done"
}

# ------------------------------------------------------------------------------ Python venv
setup_venv() {
    local python
    if [ -x "$VENV/bin/python" ] && ! python_fits "$VENV/bin/python"; then
        # A venv from an interpreter that is gone or of the wrong version cannot be repaired.
        say "recreating .venv (its interpreter is missing or not 3.11/3.12)"
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        python=$(pick_python) || die "no Python 3.11 or 3.12 found (set HOMESEAT_PYTHON=...)"
        can_make_venv "$python" || die "$python cannot create a venv (install python3-venv)"
        say "creating .venv with $python ($("$python" --version 2>&1))"
        "$python" -m venv "$VENV"
    fi
    # Reinstall only when what pip reads changed (or the interpreter did).
    local hash stamp="$VENV/.installed-hash"
    hash=$(cat pyproject.toml setup.py <("$VENV/bin/python" --version 2>&1) | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && [ -x "$VENV/bin/homeseat" ]; then
        say "python environment: up to date ($("$VENV/bin/python" --version 2>&1))"
        return 0
    fi
    say "python environment: installing homeseat[dev] (editable) into .venv"
    local pip_log
    pip_log=$(mktemp "${TMPDIR:-/tmp}/homeseat-pip.XXXXXX")
    if ! "$VENV/bin/python" -m pip install -q --upgrade pip >"$pip_log" 2>&1 \
        || ! "$VENV/bin/python" -m pip install -q -e '.[dev]' >>"$pip_log" 2>&1; then
        tail -n 40 "$pip_log" >&2
        rm -f "$pip_log"
        die "pip install failed (end of its log above)"
    fi
    rm -f "$pip_log"
    printf '%s\n' "$hash" >"$stamp"
    say "python environment: done"
}

# ------------------------------------------------------------------------------ demo display
ensure_display() {
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        return 0
    fi
    command -v Xvfb >/dev/null 2>&1 || die "no display (\$DISPLAY is unset) and no Xvfb to start"
    local n=99
    while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    local waited=0
    until [ -e "/tmp/.X11-unix/X$n" ]; do
        sleep 0.1
        waited=$((waited + 1))
        [ "$waited" -lt 100 ] || die "Xvfb :$n did not start within 10 s"
    done
    export DISPLAY=":$n"
    say "no display: the demo runs on a virtual screen (Xvfb $DISPLAY) that you cannot see."
    say "  To look at it, run it where a desktop is, or pass --screenshot DIR to save PNGs."
}

# ------------------------------------------------------------------------------ main
command=${1:-setup}
[ $# -eq 0 ] || shift
case "$command" in
setup | demo | test) ;;
-h | --help)
    sed -n '2,10p' "$0"
    exit 0
    ;;
*) die "unknown command '$command' (use: demo, test, or nothing)" ;;
esac

if [ "${HOMESEAT_SKIP_APT:-0}" = 1 ]; then
    say "system packages: skipped (HOMESEAT_SKIP_APT=1)"
else
    install_system_packages
fi
setup_venv

case "$command" in
setup) say "ready: .venv/bin/homeseat, .venv/bin/homeseat-hub, scripts/run-tests.sh" ;;
demo)
    ensure_display
    status=0
    if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
        "$VENV/bin/homeseat" demo "$@" || status=$?  # a desktop session: its own keyring
    else
        # No session bus (a server, a container): a private, unlocked keyring for the demo.
        bash "$ROOT/scripts/with-keyring.sh" "$VENV/bin/homeseat" demo "$@" || status=$?
    fi
    exit "$status"
    ;;
test)
    cleanup  # exec skips the EXIT trap
    exec bash "$ROOT/scripts/run-tests.sh" "$@"
    ;;
esac
