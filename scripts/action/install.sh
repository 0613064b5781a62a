#!/usr/bin/env bash
# The GitHub Action's install step: a released binary for the runner, its checksum
# verified; or, when there is no release for it, `cargo install --locked` from the action's
# own checkout. Puts `ecslint` on the PATH of the following steps.
set -euo pipefail

dest="${RUNNER_TEMP:-/tmp}/ecslint/bin"
mkdir -p "$dest"

case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
  Linux-X64 | Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64 | Linux-aarch64) target=aarch64-unknown-linux-musl ;;
  macOS-ARM64 | Darwin-arm64) target=aarch64-apple-darwin ;;
  macOS-X64 | Darwin-x86_64) target=x86_64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac

version="${VERSION:-}"
if [ -z "$version" ] && [[ "${ACTION_REF:-}" == v* ]]; then
  version="$ACTION_REF"
fi

installed=false
if [ -n "$target" ] && [ -n "${ACTION_REPOSITORY:-}" ]; then
  if [ -n "$version" ]; then
    base="https://github.com/$ACTION_REPOSITORY/releases/download/$version"
  else
    base="https://github.com/$ACTION_REPOSITORY/releases/latest/download"
  fi
  archive="ecslint-$target.tar.gz"
  work="$(mktemp -d)"
  if curl -fsSL --retry 3 -o "$work/$archive" "$base/$archive" &&
    curl -fsSL --retry 3 -o "$work/$archive.sha256" "$base/$archive.sha256"; then
    expected="$(cut -d' ' -f1 < "$work/$archive.sha256")"
    actual="$( (sha256sum "$work/$archive" 2>/dev/null || shasum -a 256 "$work/$archive") | cut -d' ' -f1)"
    if [ "$expected" != "$actual" ]; then
      echo "::error title=ecslint::checksum mismatch for $archive: expected $expected, got $actual"
      exit 1
    fi
    tar -xzf "$work/$archive" -C "$dest"
    installed=true
  fi
fi

if [ "$installed" = false ]; then
  echo "No ecslint release for ${target:-this runner}${version:+ at $version}; building it with cargo."
  cargo install --locked --root "${dest%/bin}" --path "$ACTION_PATH"
fi

echo "$dest" >> "${GITHUB_PATH:-/dev/null}"
"$dest/ecslint" --version
