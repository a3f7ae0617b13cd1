#!/usr/bin/env bash
# Bootstrap for a fresh Debian/Ubuntu machine that has only the .NET SDK: installs the servers the
# tests and the demo run (PostgreSQL server binaries, Mosquitto, Chromium for the console tests), restores the
# local tools, runs cake.
#   ./build.sh --target=Test      build everything and run every test
#   ./build.sh --target=Demo      the end-to-end demo
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (dotnet) is not on PATH. Install the .NET 10 SDK: https://dot.net/download" >&2
  exit 1
fi

# The web console builds with Vite 8, which needs Node.js 20.19+ (Debian 12's own nodejs 18 is too old).
if ! command -v npm >/dev/null 2>&1 || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "build.sh: the web console needs Node.js 20.19 or newer with npm on PATH (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it from https://nodejs.org or NodeSource's Debian packages." >&2
  exit 1
fi

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
have_mosquitto() { command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; }

missing=()
have_postgres || missing+=(postgresql)
have_mosquitto || missing+=(mosquitto)
# The console's browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# CJK fonts make the simulated camera's document pages readable; optional for everything else.
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: installing ${missing[*]} from the OS packages"
    # The project runs its own private clusters; the package's default system cluster is not wanted.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/sealcabinet.conf
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "build.sh: missing OS packages: ${missing[*]}." >&2
    echo "Install them as root, e.g.: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

dotnet tool restore >/dev/null
exec dotnet tool run dotnet-cake -- build.cake "$@"
