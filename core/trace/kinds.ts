// The courts' tracing methods: the contract, the renderer, the engine and db/schema read these.

export const TRACE_METHODS = ['fifo', 'lifo', 'pro-rata', 'libr', 'tainted-first'] as const;
