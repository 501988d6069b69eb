#!/usr/bin/env bash
# Proves the README's two commands on a truly fresh Debian 12: bootstraps a clean bookworm root
# with debootstrap (from the Debian archive this machine's apt already uses), copies this checkout
# in (tracked and untracked-but-not-ignored files, as they are in the working tree, no build/),
# and runs `scripts/run.sh` then `scripts/test.sh` inside it as root, with no display and CI=true,
# printing how long each took. Too slow for .ci/run; run it before resolving anything that touches
# set-up. With --only oxt it proves instead the built .oxt on a root with only LibreOffice Calc
# (scripts/fresh-office-check.sh); with --only deb, the Debian packages (scripts/fresh-deb-check.sh);
# with --only upgrade, the alignkit package installed over the released 0.1.0 package
# (scripts/fresh-upgrade-check.sh; --previous names the folder holding alignkit_0.1.0_amd64.deb,
# else it is built from the 0.1.0 release's commit into build/released-0.1.0).
#
# Usage: sudo scripts/fresh-machine-check.sh [--keep] [--root DIR] [--only run|test|oxt|deb|upgrade] [--previous DIR]
#   --keep   leave the root in place afterwards (to look around in it with chroot)
#   --root   where to bootstrap (default /var/tmp/alignkit-fresh-root; emptied first)
#   --only   run just one of the two commands, or only check the .oxt or the packages (build the
#            release preset first)
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
root=/var/tmp/alignkit-fresh-root
keep=0
only=""
previous=""
while (($#)); do
  case "$1" in
    --keep) keep=1 ;;
    --root) root="$2"; shift ;;
    --only) only="$2"; shift ;;
    --previous) previous="$(realpath "$2")"; shift ;;
    *) echo "usage: $0 [--keep] [--root DIR] [--only run|test|oxt|deb|upgrade] [--previous DIR]" >&2; exit 2 ;;
  esac
  shift
done
# alignkit 0.1.0 as released: the commit its packages were built from, for --only upgrade.
released_0_1_0=488aa57
if [[ "$only" == upgrade && -z "$previous" ]]; then
  previous="$checkout/build/released-0.1.0"
  if [[ ! -f "$previous/alignkit_0.1.0_amd64.deb" ]]; then
    echo "fresh-machine-check: building alignkit 0.1.0's package from $released_0_1_0 into $previous"
    rm -rf "$previous/source"
    git -C "$checkout" worktree prune
    git -C "$checkout" worktree add --detach "$previous/source" "$released_0_1_0" > /dev/null
    (cd "$previous/source" && cmake --preset release > /dev/null && cmake --build --preset release -j"$(nproc)" > /dev/null \
      && cd build/release && cpack -G DEB -B "$previous" > /dev/null) \
      || { echo "fresh-machine-check: 0.1.0 did not build" >&2; exit 1; }
  fi
fi
((EUID == 0)) || { echo "fresh-machine-check: run as root (debootstrap and chroot need it)" >&2; exit 2; }

# The archive this machine already installs from, so the check reaches what the machine reaches.
mirror=$(awk '/^URIs:/ {print $2; exit} /^deb / {print $2; exit}' \
  /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null || true)
[[ -n "$mirror" ]] || { echo "fresh-machine-check: no Debian archive found in /etc/apt" >&2; exit 1; }
command -v debootstrap >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }

mounted=()
cleanup() {
  local m
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  if ((keep == 0)); then rm -rf --one-file-system "$root"; else echo "fresh-machine-check: root kept in $root"; fi
}
trap cleanup EXIT

seconds() { date +%s; }
t0=$(seconds)
rm -rf --one-file-system "$root"
mkdir -p "$root"
echo "fresh-machine-check: bootstrapping Debian 12 (bookworm, minbase) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 \
  || { tail -20 "$root.debootstrap.log" >&2; exit 1; }
# The same suites as a stock Debian 12 install: the point releases and security updates.
cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
EOF
t_bootstrap=$(($(seconds) - t0))

for m in proc sys dev dev/pts; do
  mount --bind "/$m" "$root/$m"; mounted+=("$root/$m")
done
mount -t tmpfs tmpfs "$root/dev/shm"; mounted+=("$root/dev/shm")
# This machine's way out, as its own programs take it: the resolver and, where the way out passes
# an authority of the machine's own (a proxy that inspects TLS), that authority (placed before the
# ca-certificates package installs, so its bundle holds it) and npm's machine-wide settings for it.
# They belong to the network, not to the README's commands: a stock machine needs none of them.
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cp /etc/npmrc "$root/etc/npmrc" 2>/dev/null || true

echo "fresh-machine-check: copying the checkout into /root/alignkit"
mkdir -p "$root/root/alignkit"
(cd "$checkout" && git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf -) | tar -xf - -C "$root/root/alignkit"

# Inside: a fresh root has no git; a new user cloning would have it, the commands must not need it.
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 CI=true TERM=dumb /bin/bash -c "cd /root/alignkit && $1"
}

status=0
if [[ "$only" == oxt || "$only" == deb || "$only" == upgrade ]]; then
  source "$checkout/scripts/fresh-root-helpers.sh"
  case "$only" in
    oxt) source "$checkout/scripts/fresh-office-check.sh" ;;
    deb) source "$checkout/scripts/fresh-deb-check.sh" ;;
    upgrade) source "$checkout/scripts/fresh-upgrade-check.sh" ;;
  esac
  exit "$status"
fi
t_run=-
t_test=-
if [[ -z "$only" || "$only" == run ]]; then
  echo "fresh-machine-check: scripts/run.sh (the main job)"
  t=$(seconds)
  if in_root "scripts/run.sh" < /dev/null; then t_run=$(($(seconds) - t)); else status=1; t_run="failed after $(($(seconds) - t))"; fi
fi
if [[ -z "$only" || "$only" == test ]]; then
  echo "fresh-machine-check: scripts/test.sh (every test)"
  t=$(seconds)
  if in_root "scripts/test.sh" < /dev/null; then t_test=$(($(seconds) - t)); else status=1; t_test="failed after $(($(seconds) - t))"; fi
fi

echo
echo "fresh-machine-check: debootstrap ${t_bootstrap} s; scripts/run.sh ${t_run} s; scripts/test.sh ${t_test} s (on $(nproc) cores)"
exit "$status"
