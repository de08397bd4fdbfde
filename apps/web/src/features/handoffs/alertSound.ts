// The urgent alert's sound: three short tones made in the browser (WebAudio), no file to download.
// The clinician can turn it off on this computer; the choice is kept in this browser.

const SOUND_KEY = "intake.urgentSound";

export function soundOn(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== "off";
  } catch {
    return true;
  }
}

export function setSoundOn(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? "on" : "off");
  } catch {
    // Storage refused (a private window): the choice lasts until the page closes.
  }
}

let context: AudioContext | null = null;

/** About 0.7 s: high, low, high. Browsers let a page play sound once the person has used it. */
export function playUrgentSound(): void {
  if (typeof window === "undefined" || !("AudioContext" in window)) return;
  context ??= new AudioContext();
  const audio = context;
  void audio.resume().catch(() => undefined);
  const start = audio.currentTime + 0.02;
  [880, 660, 880].forEach((frequency, i) => {
    const at = start + i * 0.22;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = "sine";
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
    tone.connect(gain).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.2);
  });
}
