#!/bin/sh
# Installs the system libraries Small Wins needs (Debian/Ubuntu/Raspberry Pi OS).
# espeak-ng: the voice; libportaudio2: the microphone; sox, flite: test and benchmark audio.
set -eu
PACKAGES="espeak-ng libespeak-ng1 libportaudio2 sox flite python3-venv"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install these packages with your system's package manager:$missing" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing system packages:$missing"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
