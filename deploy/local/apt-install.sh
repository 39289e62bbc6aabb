#!/usr/bin/env bash
# Installs Debian packages that are missing, and only those: apt-install.sh <package>...
#
# `./stationery test` installs the servers' packages and Chromium at the same time, and other programs on a shared
# machine may run apt too. apt's own lock timeout (DPkg::Lock::Timeout) covers dpkg's lock but not the package lists'
# lock that `apt-get update` takes, so two of our updates racing each other failed on a fresh machine. Here every apt
# call of ours holds one file lock (flock), and a call that still meets someone else's lock is retried for a while.
set -euo pipefail

LOCK=${STATIONERY_APT_LOCK:-/tmp/stationery-apt.lock}
export DEBIAN_FRONTEND=noninteractive

log() { printf '[apt] %s\n' "$*" >&2; }

missing() {
    local pkg
    for pkg in "$@"; do
        [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" == *"install ok installed"* ]] || echo "$pkg"
    done
}

# apt-get with our lock held; retried while another program holds one of apt's locks (up to ~5 minutes)
apt_get() {
    local attempt out rc
    for attempt in $(seq 1 60); do
        rc=0
        out=$(flock -w 600 "$LOCK" apt-get -q -o DPkg::Lock::Timeout=300 "$@" 2>&1) || rc=$?
        printf '%s\n' "$out" >&2
        ((rc == 0)) && return 0
        [[ "$out" == *"Could not get lock"* || "$out" == *"Unable to lock"* ]] || return "$rc"
        log "apt is busy (another program holds its lock); retrying in 5 s ($attempt/60)"
        sleep 5
    done
    return 1
}

(($#)) || exit 0
mapfile -t todo < <(missing "$@")
((${#todo[@]})) || exit 0
log "installing ${todo[*]}"
if ! apt_get -y install --no-install-recommends "${todo[@]}"; then
    # A fresh machine may have no package lists yet: fetch them once and try again.
    apt_get update
    mapfile -t todo < <(missing "$@")
    ((${#todo[@]})) || exit 0
    apt_get -y install --no-install-recommends "${todo[@]}" || { log "apt-get install ${todo[*]} failed"; exit 1; }
fi
