/**
 * The scan field's sounds, made with Web Audio (no audio files): one short high beep for a
 * receipt taken, two low buzzes for an error, so a clerk scanning a pile hears which without looking.
 */

let context: AudioContext | null = null;

function tone(ctx: AudioContext, startAt: number, frequency: number, seconds: number, type: OscillatorType): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.2, startAt);
  // A short fade-out: a hard stop clicks.
  gain.gain.exponentialRampToValueAtTime(0.001, startAt + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(startAt);
  osc.stop(startAt + seconds);
}

function play(tones: Array<{ at: number; frequency: number; seconds: number; type: OscillatorType }>): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    for (const t of tones) tone(ctx, ctx.currentTime + t.at, t.frequency, t.seconds, t.type);
  } catch {
    // No sound device (a server, a test browser): the confirmation on screen is enough.
  }
}

export function beepSuccess(): void {
  play([{ at: 0, frequency: 1320, seconds: 0.12, type: 'sine' }]);
}

export function beepError(): void {
  play([
    { at: 0, frequency: 220, seconds: 0.18, type: 'square' },
    { at: 0.25, frequency: 220, seconds: 0.18, type: 'square' },
  ]);
}
