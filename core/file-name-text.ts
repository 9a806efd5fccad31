// Matching control characters is the point here: a file name is shown and stored without them.
// eslint-disable-next-line no-control-regex -- the C0 controls, on purpose
const C0 = /[\u0000-\u001f]/g;

/** A file name as shown and stored: its base name without control characters, or the fallback when nothing is left. */
export const displayFileName = (base: string, fallback: string): string => base.replace(C0, '') || fallback;
