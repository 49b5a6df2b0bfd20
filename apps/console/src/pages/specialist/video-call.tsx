// The video call in the browser with Meetecho's janus.js (Debian's janus-demos copy, served by
// the server at /vendor/janus.js with webrtc-adapter at /vendor/adapter.js): publish the local
// camera and microphone into the session's VideoRoom and subscribe to the other side. Used by the
// specialist console and by the clerk's video booth view.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../lib/layout';
import { VIDEO_NS } from './video-i18n';

export interface JoinInfo {
  janusUrl: string;
  token: string;
  room: number;
  pin: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type JanusStatic = any;
type PluginHandle = any;

let loading: Promise<JanusStatic> | null = null;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src;
    el.async = false;
    el.onload = () => resolve();
    el.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(el);
  });
}

/** Loads adapter.js and janus.js once and initialises Janus. */
export function loadJanus(): Promise<JanusStatic> {
  loading ??= (async () => {
    const w = window as unknown as { Janus?: JanusStatic; adapter?: unknown };
    if (!w.adapter) await loadScript('/vendor/adapter.js');
    if (!w.Janus) await loadScript('/vendor/janus.js');
    const Janus = w.Janus;
    await new Promise<void>((resolve) => Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies(), callback: () => resolve() }));
    return Janus;
  })();
  loading.catch(() => (loading = null));
  return loading;
}

export type CallState = 'loading' | 'connecting' | 'waiting-other' | 'connected' | 'failed' | 'closed';
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

/** Round-trip time and loss from the publisher's PeerConnection. */
async function measure(pc: RTCPeerConnection | undefined): Promise<Quality> {
  if (!pc) return 'unknown';
  const stats = await pc.getStats();
  let rtt: number | null = null;
  let lost = 0;
  let received = 0;
  stats.forEach((s: any) => {
    if (s.type === 'candidate-pair' && s.state === 'succeeded' && typeof s.currentRoundTripTime === 'number') rtt = s.currentRoundTripTime;
    if (s.type === 'remote-inbound-rtp' && typeof s.fractionLost === 'number') lost = Math.max(lost, s.fractionLost);
    if (s.type === 'inbound-rtp') received += s.packetsReceived ?? 0;
  });
  if (rtt === null && received === 0) return 'unknown';
  const r = rtt ?? 0;
  if (r > 0.4 || lost > 0.08) return 'poor';
  if (r > 0.15 || lost > 0.02) return 'fair';
  return 'good';
}

export function VideoCall({ join, display, onFailed }: { join: JoinInfo; display: string; onFailed?: (reason: string) => void }): ReactNode {
  const { t } = useTranslation(VIDEO_NS);
  const localVideo = useRef<HTMLVideoElement>(null);
  const remoteVideo = useRef<HTMLVideoElement>(null);
  const publisher = useRef<PluginHandle>(null);
  const [state, setState] = useState<CallState>('loading');
  const [error, setError] = useState<string | null>(null);
  const [audioMuted, setAudioMuted] = useState(false);
  const [videoMuted, setVideoMuted] = useState(false);
  const [quality, setQuality] = useState<Quality>('unknown');
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [camera, setCamera] = useState('');
  const [microphone, setMicrophone] = useState('');
  const onFailedRef = useRef(onFailed);
  onFailedRef.current = onFailed;

  useEffect(() => {
    let janus: any = null;
    let closed = false;
    const remoteStream = new MediaStream();
    const localStream = new MediaStream();
    const subscribed = new Set<number>();
    const fail = (reason: string): void => {
      if (closed) return;
      setState('failed');
      setError(reason);
      onFailedRef.current?.(reason);
    };

    const subscribe = (Janus: JanusStatic, feed: number): void => {
      if (subscribed.has(feed)) return;
      subscribed.add(feed);
      let handle: PluginHandle = null;
      janus.attach({
        plugin: 'janus.plugin.videoroom',
        success: (h: PluginHandle) => {
          handle = h;
          h.send({ message: { request: 'join', room: join.room, pin: join.pin, ptype: 'subscriber', streams: [{ feed }] } });
        },
        error: (e: unknown) => fail(String(e)),
        onmessage: (_msg: any, jsep: any) => {
          if (!jsep) return;
          handle.createAnswer({
            jsep,
            tracks: [{ type: 'data' }],
            success: (answer: any) => handle.send({ message: { request: 'start', room: join.room }, jsep: answer }),
            error: (e: unknown) => fail(String(e)),
          });
        },
        onremotetrack: (track: MediaStreamTrack, _mid: string, on: boolean) => {
          if (on) {
            remoteStream.getTracks().filter((x) => x.kind === track.kind).forEach((x) => remoteStream.removeTrack(x));
            remoteStream.addTrack(track);
            if (remoteVideo.current) remoteVideo.current.srcObject = remoteStream;
            setState('connected');
          } else if (remoteStream.getTracks().includes(track)) remoteStream.removeTrack(track);
        },
      });
      void Janus;
    };

    const publishersOf = (msg: any): Array<{ id: number }> => (Array.isArray(msg?.publishers) ? msg.publishers : []);

    loadJanus()
      .then((Janus) => {
        if (closed) return;
        setState('connecting');
        janus = new Janus({
          server: join.janusUrl,
          token: join.token,
          success: () => {
            janus.attach({
              plugin: 'janus.plugin.videoroom',
              success: (h: PluginHandle) => {
                publisher.current = h;
                h.send({ message: { request: 'join', room: join.room, pin: join.pin, ptype: 'publisher', display } });
              },
              error: (e: unknown) => fail(String(e)),
              onmessage: (msg: any, jsep: any) => {
                const h = publisher.current;
                if (msg?.videoroom === 'joined') {
                  setState('waiting-other');
                  h.createOffer({
                    tracks: [
                      { type: 'audio', capture: true, recv: false },
                      { type: 'video', capture: true, recv: false },
                    ],
                    success: (offer: any) => h.send({ message: { request: 'configure', audio: true, video: true }, jsep: offer }),
                    error: (e: unknown) => fail(String((e as Error)?.message ?? e)),
                  });
                }
                for (const p of publishersOf(msg)) subscribe(Janus, p.id);
                if (msg?.error) fail(String(msg.error));
                if (jsep) h.handleRemoteJsep({ jsep });
              },
              onlocaltrack: (track: MediaStreamTrack, on: boolean) => {
                if (on) {
                  localStream.getTracks().filter((x) => x.kind === track.kind).forEach((x) => localStream.removeTrack(x));
                  localStream.addTrack(track);
                } else localStream.removeTrack(track);
                if (localVideo.current) localVideo.current.srcObject = localStream;
                void navigator.mediaDevices?.enumerateDevices().then((devices) => {
                  setCameras(devices.filter((d) => d.kind === 'videoinput'));
                  setMicrophones(devices.filter((d) => d.kind === 'audioinput'));
                });
              },
            });
          },
          error: (e: unknown) => fail(String(e)),
          destroyed: () => setState('closed'),
        });
      })
      .catch((e: Error) => fail(e.message));

    const timer = setInterval(() => {
      void measure(publisher.current?.webrtcStuff?.pc).then(setQuality, () => setQuality('unknown'));
    }, 3000);
    return () => {
      closed = true;
      clearInterval(timer);
      try {
        janus?.destroy({ cleanupHandles: true });
      } catch {
        // already gone
      }
      publisher.current = null;
    };
  }, [join.janusUrl, join.token, join.room, join.pin, display]);

  const toggleAudio = (): void => {
    const h = publisher.current;
    if (!h) return;
    if (audioMuted) h.unmuteAudio();
    else h.muteAudio();
    setAudioMuted(!audioMuted);
  };
  const toggleVideo = (): void => {
    const h = publisher.current;
    if (!h) return;
    if (videoMuted) h.unmuteVideo();
    else h.muteVideo();
    setVideoMuted(!videoMuted);
  };
  const switchDevice = (kind: 'audio' | 'video', deviceId: string): void => {
    if (kind === 'video') setCamera(deviceId);
    else setMicrophone(deviceId);
    publisher.current?.replaceTracks({ tracks: [{ type: kind, capture: { deviceId: { exact: deviceId } } }], error: (e: unknown) => setError(String(e)) });
  };

  return (
    <div className="video-call" data-call-state={state}>
      <p role="status" className="call-state">
        {t(`state.${state}`)} · {t('quality')}: <span data-quality={quality}>{t(`qualities.${quality}`)}</span>
      </p>
      {error && <Notice kind="error">{t('failed', { reason: error })}</Notice>}
      <div className="video-panes">
        <video ref={remoteVideo} autoPlay playsInline className="video-remote" aria-label={t('remoteVideo')} />
        <video ref={localVideo} autoPlay playsInline muted className="video-local" aria-label={t('localVideo')} />
      </div>
      <div className="call-controls">
        <button type="button" className="btn" aria-pressed={audioMuted} onClick={toggleAudio}>
          {audioMuted ? t('unmute') : t('mute')}
        </button>
        <button type="button" className="btn" aria-pressed={videoMuted} onClick={toggleVideo}>
          {videoMuted ? t('cameraOn') : t('cameraOff')}
        </button>
        <label htmlFor="call-camera">{t('camera')}</label>
        <select id="call-camera" value={camera} onChange={(e) => switchDevice('video', e.target.value)}>
          <option value="">{t('defaultDevice')}</option>
          {cameras.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `${t('camera')} ${i + 1}`}
            </option>
          ))}
        </select>
        <label htmlFor="call-microphone">{t('microphone')}</label>
        <select id="call-microphone" value={microphone} onChange={(e) => switchDevice('audio', e.target.value)}>
          <option value="">{t('defaultDevice')}</option>
          {microphones.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `${t('microphone')} ${i + 1}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
