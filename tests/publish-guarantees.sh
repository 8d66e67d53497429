#!/usr/bin/env bash
# The publishing guarantees, tested on a build of the bundled protocols with
# the release binary:
#
# 1. Crash: the build is killed at every file-system write, link, rename,
#    unlink and mkdir in turn (strace fault injection). After each kill the
#    output must be byte-identical to the old complete site or the new one,
#    and the next build must succeed and publish the new one.
# 2. Concurrency: 20 pairs of overlapping builds, half of them with one
#    build slowed; both must succeed and the result must be the new site.
# 3. Single files: every command that writes one file, killed at every
#    write, rename, open and flush; the file is the old one or the new one.
#
# Usage: tests/publish-guarantees.sh [path/to/clerk]   (needs strace)
set -euo pipefail
cd "$(dirname "$0")/.."
clerk="$(realpath "${1:-target/release/clerk}")"
command -v strace >/dev/null || { echo "strace is needed: apt-get install strace" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$work/project"
mkdir -p "$project"
cp -r protocols "$project/"
cd "$project"
export SOURCE_DATE_EPOCH=1700000000

build() { "$clerk" build "$@" >/dev/null 2>&1; }
same() { diff -r "$1" "$2" >/dev/null 2>&1; }

# The old site, from the sources as they are, and the new site, from a
# revision of one clause: the two differ in the pages that show it.
build
cp -a output "$work/old-site"
document=protocols/bury/member-officer-relations-2023.md
cp "$document" "$work/old-source.md"
sed -i '0,/Members are/s//Councillors are/' "$document"
build
cp -a output "$work/new-site"
same "$work/old-site" "$work/new-site" && { echo "the revision changed nothing" >&2; exit 1; }

crash_points=0
failures=0
for call in write linkat renameat2 unlinkat mkdir openat; do
  n=1
  while :; do
    rm -rf output .output.clerk-staging .output.clerk-old
    cp -a "$work/old-site" output
    status=0
    # An inner shell takes the "Killed" notice, keeping it out of the log.
    bash -c '"$@"; exit $?' _ strace -f -qq -o /dev/null -e trace="$call" \
      -e inject="$call":signal=KILL:when="$n" "$clerk" build >/dev/null 2>&1 || status=$?
    if [ "$status" -ne 137 ]; then
      # The build ran past the last such call: every point of this call is done.
      [ "$status" -eq 0 ] || { echo "$call #$n: exit $status without a kill" >&2; failures=$((failures + 1)); }
      break
    fi
    crash_points=$((crash_points + 1))
    if ! same output "$work/old-site" && ! same output "$work/new-site"; then
      echo "killed at $call #$n: the output is neither the old site nor the new one" >&2
      diff -rq output "$work/old-site" >&2 || true
      failures=$((failures + 1))
    fi
    if ! build || ! same output "$work/new-site"; then
      echo "killed at $call #$n: the next build did not publish the new site" >&2
      failures=$((failures + 1))
    fi
    if ls -a | grep -q '^\.output\.clerk-'; then
      echo "killed at $call #$n: the next build left staging behind" >&2
      failures=$((failures + 1))
    fi
    n=$((n + 1))
  done
done
echo "crash: $crash_points crash points, $failures failures"

pairs=0
for i in $(seq 1 20); do
  rm -rf output
  cp -a "$work/old-site" output
  if [ $((i % 2)) -eq 0 ]; then
    # One build slowed at every write, so the other overlaps it throughout.
    strace -f -qq -o /dev/null -e trace=write -e inject=write:delay_enter=3000 \
      "$clerk" build >/dev/null 2>&1 &
  else
    "$clerk" build >/dev/null 2>&1 &
  fi
  first=$!
  "$clerk" build --fresh >/dev/null 2>&1 &
  second=$!
  ok=1
  wait "$first" || ok=0
  wait "$second" || ok=0
  if [ "$ok" -ne 1 ] || ! same output "$work/new-site"; then
    echo "overlapping builds, pair $i: a build failed or the site is not the new one" >&2
    failures=$((failures + 1))
  fi
  pairs=$((pairs + 1))
done
echo "concurrency: $pairs pairs of overlapping builds"

cp "$work/old-source.md" "$document"

# 3. Single files: fmt, renumber, apply-terms --write, diff -o and import -o
#    killed at every write, rename, open, flush, mode change and unlink in
#    turn, on a council written for it (a draft: renumber and apply-terms
#    leave an adopted version as it was adopted). After each kill the target must be
#    the old file or the new one, byte for byte: never partial, never missing.
single="$work/single"
riverside() {
  rm -rf "$single"
  mkdir -p "$single/protocols/riverside"
  cat >"$single/protocols/riverside/council.toml" <<'TOML'
name = "Riverside Borough Council"
short_name = "Riverside"

[retired_terms]
"Head of Legal Services" = "Director of Law and Governance"
TOML
  cat >"$single/protocols/riverside/delegations.md" <<'MD'
+++
council = "riverside"
title = "Officer Delegations"
version = "1"
status = "draft"
+++

# 4. Contracts  

**4.1.** The Head of Legal Services seals contracts over £100,000.

4.3 Quotations are kept for six years.
MD
  chmod 640 "$single/protocols/riverside/delegations.md"
  printf 'Officer Delegations\n\n1. Scope\n\n1.1 These rules apply to every officer.\n' >"$single/incoming.txt"
  printf 'an earlier file\n' >"$single/earlier.out"
}
single_points=0
while IFS='|' read -r label target args; do
  # The old and the new target, from a run that is not killed.
  riverside
  cp "$single/$target" "$work/single-old" 2>/dev/null || rm -f "$work/single-old"
  (cd "$single" && eval "\"\$clerk\" $args" >/dev/null 2>&1) || true
  cp "$single/$target" "$work/single-new"
  cmp -s "$work/single-new" "$work/single-old" && { echo "$label: wrote nothing new" >&2; failures=$((failures + 1)); }
  for call in write rename renameat2 openat fsync fchmod fchown unlinkat; do
    n=1
    while :; do
      riverside
      status=0
      (cd "$single" && eval "bash -c '\"\$@\"; exit \$?' _ strace -f -qq -o /dev/null -e trace=$call -e inject=$call:signal=KILL:when=$n \"\$clerk\" $args" >/dev/null 2>&1) || status=$?
      [ "$status" -eq 137 ] || break
      single_points=$((single_points + 1))
      if ! cmp -s "$single/$target" "$work/single-new" && ! cmp -s "$single/$target" "$work/single-old"; then
        echo "$label killed at $call #$n: $target is neither the old file nor the new one" >&2
        failures=$((failures + 1))
      fi
      if [ "$(stat -c %a "$single/protocols/riverside/delegations.md")" != 640 ]; then
        echo "$label killed at $call #$n: the source lost its mode" >&2
        failures=$((failures + 1))
      fi
      n=$((n + 1))
    done
  done
done <<'CASES'
fmt|protocols/riverside/delegations.md|fmt protocols
renumber|protocols/riverside/delegations.md|renumber protocols/riverside/delegations.md
apply-terms --write|protocols/riverside/delegations.md|apply-terms --write protocols/riverside/delegations.md
diff -o|earlier.out|diff protocols/riverside/delegations.md protocols/riverside/delegations.md -o earlier.out --force
import -o|earlier.out|import incoming.txt --council riverside -o earlier.out --force
CASES
echo "single files: $single_points crash points"

crash_points=$((crash_points + single_points))
echo "$((crash_points + pairs)) passed, $failures failed"
[ "$failures" -eq 0 ]
