import { networkInterfaces } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Shared by the media tests (test/media/*.media-spec.ts): the namespace check, Chromium's flags for
 * fake media, and a read-only view of every RTCPeerConnection a page creates, so a test can read
 * the WebRTC statistics of pages it does not control (the console's own call code).
 */

/** The veth address scripts/test-media.sh adds inside the private network namespace (Janus's ICE address). */
export const NAMESPACE_IP = '127.0.0.2';

/** shared/docs/janus.md; playwright adds --headless itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export function assertInsideMediaNamespace(): void {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  if (!addresses.includes(NAMESPACE_IP)) {
    throw new Error(
      `The media test must run inside its private network namespace (no interface has ${NAMESPACE_IP}). ` +
        'Run it with `bash scripts/test-media.sh` as root, never with plain jest.',
    );
  }
}

/**
 * Installed in every page of the context before any page script runs (through the DevTools
 * protocol, so the page's Content-Security-Policy does not apply to it and the app needs no test
 * hook): RTCPeerConnection is subclassed so each instance is remembered in a read-only list, and
 * Content-Security-Policy violations are remembered too. The app's code and janus.js (and
 * adapter.js, which patches the prototype) see an ordinary RTCPeerConnection.
 */
const RECORDER = `(() => {
  const peerConnections = [];
  const cspViolations = [];
  Object.defineProperty(window, '__mediaTest', { value: Object.freeze({ peerConnections, cspViolations }) });
  document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  class RecordedPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      peerConnections.push(this);
    }
  }
  window.RTCPeerConnection = RecordedPeerConnection;
})();`;

export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORDER });
}

/** One direction of one kind of media, summed over the page's peer connections. */
export interface RtpTotals {
  bytes: number;
  packets: number;
  /** Video only: frames decoded (inbound) or encoded (outbound). */
  frames: number;
}

export interface PageMedia {
  /** Peer connections the page created / of those, still open. */
  peerConnections: number;
  open: number;
  inboundVideo: RtpTotals & { width: number };
  inboundAudio: RtpTotals;
  outboundVideo: RtpTotals;
  outboundAudio: RtpTotals;
  /** The remote ends of the ICE candidate pairs in use (Janus's candidates). */
  remoteAddresses: string[];
  cspViolations: string[];
}

/** The page's WebRTC statistics right now (getStats of every RTCPeerConnection it created). */
export async function pageMedia(page: Page): Promise<PageMedia> {
  return page.evaluate(async () => {
    const recorded = (globalThis as any).__mediaTest as { peerConnections: any[]; cspViolations: string[] } | undefined;
    if (!recorded) throw new Error('the RTCPeerConnection recorder is not installed in this page');
    const zero = () => ({ bytes: 0, packets: 0, frames: 0 });
    const media = {
      peerConnections: recorded.peerConnections.length,
      open: 0,
      inboundVideo: { ...zero(), width: 0 },
      inboundAudio: zero(),
      outboundVideo: zero(),
      outboundAudio: zero(),
      remoteAddresses: [] as string[],
      cspViolations: [...recorded.cspViolations],
    };
    for (const pc of recorded.peerConnections) {
      if (pc.connectionState === 'closed') continue;
      media.open++;
      const reports: any[] = [...(await pc.getStats()).values()];
      for (const r of reports) {
        if (r.type === 'inbound-rtp' && r.kind === 'video') {
          media.inboundVideo.bytes += r.bytesReceived ?? 0;
          media.inboundVideo.packets += r.packetsReceived ?? 0;
          media.inboundVideo.frames += r.framesDecoded ?? 0;
          media.inboundVideo.width = Math.max(media.inboundVideo.width, r.frameWidth ?? 0);
        } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
          media.inboundAudio.bytes += r.bytesReceived ?? 0;
          media.inboundAudio.packets += r.packetsReceived ?? 0;
        } else if (r.type === 'outbound-rtp' && r.kind === 'video') {
          media.outboundVideo.bytes += r.bytesSent ?? 0;
          media.outboundVideo.packets += r.packetsSent ?? 0;
          media.outboundVideo.frames += r.framesEncoded ?? 0;
        } else if (r.type === 'outbound-rtp' && r.kind === 'audio') {
          media.outboundAudio.bytes += r.bytesSent ?? 0;
          media.outboundAudio.packets += r.packetsSent ?? 0;
        }
      }
      const transport = reports.find((r) => r.type === 'transport' && r.selectedCandidatePairId);
      const pair = reports.find((r) => r.id === transport?.selectedCandidatePairId);
      const remote = reports.find((r) => r.id === pair?.remoteCandidateId);
      if (remote?.address && !media.remoteAddresses.includes(remote.address)) media.remoteAddresses.push(remote.address);
    }
    return media;
  });
}
