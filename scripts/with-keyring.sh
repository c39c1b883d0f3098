#!/usr/bin/env bash
# Run a command on a private D-Bus session bus with an unlocked GNOME keyring: a REAL Secret
# Service, as on an agent's desktop, that never touches the user's own keyring.
#
#   scripts/with-keyring.sh CMD [ARGS...]     exits with CMD's exit code
#
# The keyring's files live in a temporary folder that is removed afterwards.
set -euo pipefail

if [ -z "${HOMESEAT_PRIVATE_BUS:-}" ]; then
    command -v dbus-run-session >/dev/null 2>&1 \
        || { echo "with-keyring: dbus-run-session missing (apt-get install dbus)" >&2; exit 1; }
    command -v gnome-keyring-daemon >/dev/null 2>&1 \
        || { echo "with-keyring: gnome-keyring-daemon missing (apt-get install gnome-keyring)" >&2; exit 1; }
    export HOMESEAT_PRIVATE_BUS=1
    # dbus-daemon's own complaints (fd limits in containers) are noise, not failures.
    exec dbus-run-session -- bash "$0" "$@" 2> >(grep --line-buffered -v -e '^dbus-daemon\[' >&2)
fi
unset HOMESEAT_PRIVATE_BUS  # a nested call gets its own bus

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/homeseat-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
# An empty line is the password: the login keyring is created and left unlocked, so nothing ever
# prompts. XDG_DATA_HOME only for the daemon: that is where it keeps its keyrings.
if ! printf '\n' | XDG_DATA_HOME="$keyring_home" timeout 20 \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    echo "with-keyring: gnome-keyring-daemon did not start" >&2
    exit 1
fi
status=0
"$@" || status=$?
exit "$status"
