import type { Client } from '../../../../core/api';
import { client } from '../../api/client';

/**
 * A client whose every method is served from a bundle under review: the same views, reading
 * the sender's records. The core refuses anything that would write (bundles.reviewCall).
 */
export function reviewClient(reviewId: string): Client {
  return new Proxy({} as Client, {
    get: (_t, method: string) => (input: unknown) => client['bundles.reviewCall']({ reviewId, method, input }),
  });
}
