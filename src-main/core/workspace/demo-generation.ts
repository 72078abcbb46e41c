/**
 * The workspace setting that says how far `demo generate` got: 'started' from its first write, 'complete' in its
 * last transaction. The demo writes it, the workspace reads it.
 */
export const DEMO_GENERATION_SETTING = 'demo_generation'
