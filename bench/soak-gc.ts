/**
 * Preloaded into the soaked server only (with --expose-gc), never into Smile itself: SIGUSR2 runs a full collection,
 * so a soak sample reads the heap that is kept, not the garbage the collector has not come to yet.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
});
