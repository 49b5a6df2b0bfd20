// The call chime (Web Audio: no audio file to ship) and the optional spoken call (speech synthesis).

let ctx: AudioContext | null = null;

export function audioContext(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  ctx = Ctor ? new Ctor() : null;
  return ctx;
}

/** Two soft tones ("ding-dong"), about one second. */
export function playChime(): void {
  const audio = audioContext();
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime + 0.05;
  [
    [880, 0],
    [660, 0.45],
  ].forEach(([freq, offset]) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq!;
    gain.gain.setValueAtTime(0.0001, start + offset!);
    gain.gain.exponentialRampToValueAtTime(0.4, start + offset! + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset! + 0.9);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset!);
    osc.stop(start + offset! + 1);
  });
}

/** "A007" → "A 7": speech engines read the number, not the zeros. */
export function spokenNumber(number: string): string {
  const m = /^([A-Z]+)0*(\d+)$/.exec(number);
  return m ? `${m[1]} ${m[2]}` : number;
}

export function speak(text: string, lang: string): void {
  if (!('speechSynthesis' in window)) return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = lang;
  u.rate = 0.9;
  const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang.slice(0, 2)));
  if (voice) u.voice = voice;
  window.speechSynthesis.speak(u);
}
