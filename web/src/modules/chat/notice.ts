// The agent's notice of a new chat: a short tone (Web Audio: no sound file to ship) besides the
// visual banner. Browsers allow sound only after the page had a user gesture; before that the
// tone is silently skipped and the banner alone tells.
let context: AudioContext | null = null;

export function playNewChatTone(): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.4);
  } catch {
    // no audio here: the banner is enough
  }
}
