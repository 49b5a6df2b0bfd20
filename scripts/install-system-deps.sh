#!/usr/bin/env bash
# Debian packages the tests need. Idempotent; installs only what is missing.
set -euo pipefail
# janus: the WebRTC gateway the RemoteOfficial tests start with their own config (test/support/janus-server.ts).
# chromium: the real browser for the console and video-call tests (driven by playwright-core; never downloaded).
# libjs-janus-gateway, libjs-webrtc-adapter: janus.js and adapter.js for the browser side of a video call.
# iproute2: `ss`, with which a test reads the server's listen backlog.
PACKAGES=(janus chromium libjs-janus-gateway libjs-webrtc-adapter iproute2)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "Please install: ${missing[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  # The package enables janus.service with Debian's sample config (Janus API on every interface,
  # no api_secret, ports 8088/8188). We only ever run Janus with our own config: keep it off.
  if [[ " ${missing[*]} " == *" janus "* ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl stop janus.service >/dev/null 2>&1 || true
    systemctl disable janus.service >/dev/null 2>&1 || true
  fi
fi
