export { checkedTap, Digests, sha256Hex, hashFile, hashStream, hashTap, type HashAlgorithm, type HashProgress, type HashResult } from './digest.js';
export { hashFileInWorker, StreamHasher } from './worker.js';
