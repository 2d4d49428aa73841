#!/usr/bin/env bash
# Installs what Rapport needs to build, test and run on Debian 12, and nothing else.
# Idempotent: packages already present are skipped, so `make run` and `make test` can call it
# every time. Needs root (or sudo) only when something is actually missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libssl-dev libpq-dev libcurl4-openssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libicu-dev
  libphonenumber8 libprotobuf-dev libabsl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm wrk curl sqlite3 python3 openssl
  chromium fonts-dejavu-core faketime
  libgmime-3.0-dev python3-aiosmtpd dovecot-imapd
  libzstd-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# A node binary from another source (e.g. a newer NodeSource build) is fine: only install Debian's
# when none is on PATH, because both packages would conflict.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs/}")
fi
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm/}")
fi
filtered=()
for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done

if [ ${#filtered[@]} -gt 0 ]; then
  echo "install-deps: installing ${filtered[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${filtered[@]}" >/dev/null
fi

# libphonenumber-dev (headers and the link name) declares a dependency on Debian's default Boost
# (1.74), which conflicts with the Boost 1.81 we build with; its headers need nothing from Boost
# that 1.81 lacks. So the library and what its headers include (protobuf, abseil) come through apt
# above, and the -dev package from the same Debian archive is unpacked, not installed, into
# /opt/rapport-deps, where CMake looks for it (src/customers/CMakeLists.txt).
phonenumber_dir=/opt/rapport-deps/libphonenumber
if [ ! -f "$phonenumber_dir/usr/include/phonenumbers/phonenumberutil.h" ]; then
  echo "install-deps: unpacking libphonenumber-dev into $phonenumber_dir"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  work=$(mktemp -d)
  chmod 755 "$work"  # apt downloads as the _apt user
  (cd "$work" && apt-get download -qq libphonenumber-dev)
  $sudo_cmd mkdir -p "$phonenumber_dir"
  $sudo_cmd dpkg-deb -x "$work"/libphonenumber-dev_*.deb "$phonenumber_dir"
  rm -rf "$work"
fi
