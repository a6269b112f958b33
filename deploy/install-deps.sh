#!/usr/bin/env bash
# Installs what Atelier needs to build, run and test on Debian 12, and nothing already there.
# Idempotent and quiet when everything is present. Run as root (or with sudo available).
#
#   deploy/install-deps.sh              C++ toolchain and libraries, Node.js and npm (make run)
#   deploy/install-deps.sh --browser    the same, plus Debian's Chromium for the browser tests,
#                                       and nginx and openssl for the one through TLS (its
#                                       service is not started: the test runs its own nginx)
#   deploy/install-deps.sh --fuzz       the same, plus clang 16 and its libFuzzer runtime for
#                                       tests/fuzz (Debian's default clang, 14, cannot compile
#                                       this C++23 code)
#   deploy/install-deps.sh --package    the same, plus what `make package` and its test use
#                                       (dpkg-shlibdeps, file, systemd-analyze)
# The options can be combined.
#
# npm packages are not installed here: the Makefile installs clients/web's and tests/e2e's from
# their lock files when those change.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config lld
  libboost1.81-dev
  libprotobuf-dev protobuf-compiler
  librocksdb-dev
  libssl-dev
  libnats-dev nats-server
  libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
for option in "$@"; do
  case $option in
    --browser)
      # Chromium's headless shell: the browser tests take half the CPU they take with the full
      # browser run headless. Fonts named explicitly: --no-install-recommends would leave the
      # pages' text in boxes.
      packages+=(chromium-headless-shell fonts-liberation fonts-dejavu-core nginx-light openssl)
      ;;
    --fuzz)
      # libclang-rt-16-dev holds libFuzzer and the sanitizer runtimes for clang 16; llvm-16 its
      # llvm-symbolizer, for readable stack traces.
      packages+=(clang-16 libclang-rt-16-dev llvm-16)
      ;;
    --package)
      packages+=(dpkg-dev file systemd)
      ;;
    *)
      echo "install-deps: unknown option $option (known: --browser, --fuzz, --package)" >&2
      exit 2
      ;;
  esac
done
# The web app's build (Vite 7) needs Node.js 20.19 or newer. A machine that has one (from its
# image) keeps it; one without Node.js gets Debian's, and the check below says if it is too old.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  # A package's service (nginx's) is not started by its installation: a policy-rc.d saying no
  # for the time of the install, unless the machine has its own (then it decides).
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
    "${sudo_cmd[@]}" chmod 755 "$policy"
    own_policy=1
  fi
  status=0
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  if ((own_policy)); then "${sudo_cmd[@]}" rm -f "$policy"; fi
  ((status == 0)) || exit "$status"
fi

node_version=$(node --version 2>/dev/null || echo v0)
IFS=. read -r major minor _ <<<"${node_version#v}"
if ((major < 20 || (major == 20 && minor < 19))); then
  echo "install-deps: Node.js $node_version is too old for the web app's build (Vite 7 needs 20.19+)." >&2
  echo "install-deps: install Node.js 20.19 or newer, then run this again." >&2
  exit 1
fi
