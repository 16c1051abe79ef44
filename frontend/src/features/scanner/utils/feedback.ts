/**
 * Sound and vibration for each result, so staff need not read the screen in a rush:
 * a high beep for admitted, a low buzz for rejected. Everything is optional: browsers
 * without Web Audio or vibration simply stay silent.
 */

export type FeedbackKind = 'accepted' | 'rejected' | 'queued';

let audioContext: AudioContext | null = null;

type AudioContextConstructor = new () => AudioContext;

function audioContextClass(): AudioContextConstructor | undefined {
  const scope = window as unknown as {
    AudioContext?: AudioContextConstructor;
    webkitAudioContext?: AudioContextConstructor;
  };
  return scope.AudioContext ?? scope.webkitAudioContext;
}

/** Create/resume the audio context; call from a tap (browsers only allow audio after one). */
export function primeAudio(): void {
  try {
    const Ctor = audioContextClass();
    if (!Ctor) return;
    audioContext ??= new Ctor();
    if (audioContext.state === 'suspended') void audioContext.resume().catch(() => undefined);
  } catch {
    audioContext = null;
  }
}

function tone(frequency: number, seconds: number, type: OscillatorType, delay = 0): void {
  if (!audioContext) return;
  const start = audioContext.currentTime + delay;
  const oscillator = audioContext.createOscillator();
  const gain = audioContext.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
  oscillator.connect(gain).connect(audioContext.destination);
  oscillator.start(start);
  oscillator.stop(start + seconds + 0.02);
}

const VIBRATION: Record<FeedbackKind, number | number[]> = {
  accepted: 80,
  rejected: [250, 100, 250, 100, 250],
  queued: [60, 60, 60],
};

export function playFeedback(kind: FeedbackKind): void {
  try {
    if (kind === 'accepted') tone(1320, 0.12, 'sine');
    else if (kind === 'rejected') tone(180, 0.45, 'square');
    else {
      tone(660, 0.1, 'triangle');
      tone(660, 0.1, 'triangle', 0.16);
    }
  } catch {
    // Audio is a nicety; a failing device must not break scanning.
  }
  try {
    if (typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION[kind]);
  } catch {
    // Same.
  }
}
