#!/usr/bin/env bash
# Sandbox Tier Harness — one entry point.
#   ./run-all.sh            install what is missing, build, measure (quick profile), report → results/<run-id>/
#   ./run-all.sh test       same prerequisites, then the test suite (what CI runs)
#   ./run-all.sh full       the full profile (n ≥ 30 per start-up cell)
#   ./run-all.sh nightly    stable profile, report, compare against results/baseline (exit code from the comparison)
#   ./run-all.sh doctor     what is installed and usable
# Extra arguments after the mode go to the harness command.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
mode="${1:-run}"; [ $# -gt 0 ] && shift

# Debian packages the harness drives. Everything is installed from Debian's archive: nothing is downloaded by hand.
packages=(runc runsc qemu-system-x86 mmdebstrap hyperfine clang zlib1g-dev iproute2 libc-bin dpkg apt ca-certificates)
# Only for '--kernel minimal' (a guest kernel built from Debian's linux-source): installed when SBH_MINIMAL_KERNEL=1.
[ "${SBH_MINIMAL_KERNEL:-0}" = 1 ] && packages+=(linux-source-6.1 flex bison bc libelf-dev make gcc xz-utils)

need_root() { [ "$(id -u)" = 0 ] || { echo "run-all.sh: must run as root (runc, runsc and mounts need it)" >&2; exit 2; }; }

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # apt-cache must know the kernel metapackages to fetch a guest kernel; a fresh machine may have no lists yet.
  if [ ${#missing[@]} -gt 0 ] || ! apt-cache show linux-image-cloud-amd64 >/dev/null 2>&1; then
    echo "==> apt-get update"
    apt-get update -q
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  command -v dotnet >/dev/null || { echo "run-all.sh: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 2; }
}

build() {
  echo "==> build"
  dotnet build Harness.sln -c Release --nologo -v q -p:WarningLevel=4 | grep -vE '^\s*$' | tail -n 3
  echo "==> publish workloads (Native AOT, incremental)"
  dotnet publish workloads/Workloads.csproj -c Release -o .build/sbw --nologo -v q | tail -n 1
}

bench() { dotnet run -c Release --no-build --project bench -- "$@"; }

need_root
install_missing
build
case "$mode" in
  run)     bench run --quick "$@" ;;
  full)    bench run --full "$@" ;;
  doctor)  bench doctor "$@" ;;
  nightly)
    # Stable profile, report, then compare with the committed baseline: the exit code is the comparison's.
    bench run --nightly "$@"
    bench compare --baseline results/baseline --threshold "${SBH_THRESHOLD:-10%}" ;;
  test)
    echo "==> test"
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    set +e
    dotnet test Harness.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    # One closing line over all test assemblies, in the plain 'N passed, N failed' form.
    awk '/(Passed|Failed)! +- +Failed: /{gsub(",","");for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);if($i=="Passed:")p+=$(i+1);if($i=="Skipped:")s+=$(i+1)}} END{printf "%d passed, %d failed, %d skipped\n",p,f,s}' "$log"
    exit "$rc" ;;
  *) echo "run-all.sh: unknown mode '$mode' (run | test | full | nightly | doctor)" >&2; exit 2 ;;
esac
