import { registerTranslations } from '../../lib/i18n';

export const VIDEO_NS = 'video';

registerTranslations(VIDEO_NS, {
  lv: {
    state: {
      loading: 'Ielādē video…',
      connecting: 'Savienojas ar video serveri…',
      'waiting-other': 'Gaida otru pusi…',
      connected: 'Savienots',
      failed: 'Video savienojums neizdevās',
      closed: 'Zvans beidzies',
    },
    failed: 'Video savienojums neizdevās ({{reason}})',
    quality: 'Savienojuma kvalitāte',
    qualities: { good: 'laba', fair: 'vidēja', poor: 'slikta', unknown: 'nav zināma' },
    remoteVideo: 'Otras puses video',
    localVideo: 'Mans video',
    mute: 'Izslēgt mikrofonu',
    unmute: 'Ieslēgt mikrofonu',
    cameraOff: 'Izslēgt kameru',
    cameraOn: 'Ieslēgt kameru',
    camera: 'Kamera',
    microphone: 'Mikrofons',
    defaultDevice: 'Noklusētā',
  },
  en: {
    state: {
      loading: 'Loading video…',
      connecting: 'Connecting to the video server…',
      'waiting-other': 'Waiting for the other side…',
      connected: 'Connected',
      failed: 'The video connection failed',
      closed: 'The call has ended',
    },
    failed: 'The video connection failed ({{reason}})',
    quality: 'Connection quality',
    qualities: { good: 'good', fair: 'fair', poor: 'poor', unknown: 'unknown' },
    remoteVideo: 'The other side’s video',
    localVideo: 'My video',
    mute: 'Mute microphone',
    unmute: 'Unmute microphone',
    cameraOff: 'Turn camera off',
    cameraOn: 'Turn camera on',
    camera: 'Camera',
    microphone: 'Microphone',
    defaultDevice: 'Default',
  },
});
