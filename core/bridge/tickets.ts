import { randomBytes } from 'node:crypto';

/**
 * One-time tickets for the two requests a browser cannot put a header on: a WebSocket upgrade and
 * a download through a link. The per-launch token stays in the Authorization header; a ticket is
 * issued for one path, redeemed once, and expires within a minute, so a URL that ends up in the
 * history, a log or a Referer is worth nothing.
 */
export class Tickets {
  private readonly open = new Map<string, { path: string; expires: number }>();
  constructor(private readonly ttlMs = 60_000) {}

  issue(path: string): string {
    this.sweep();
    const ticket = randomBytes(24).toString('base64url');
    this.open.set(ticket, { path, expires: Date.now() + this.ttlMs });
    return ticket;
  }

  redeem(ticket: string | null | undefined, path: string): boolean {
    if (!ticket) return false;
    const t = this.open.get(ticket);
    this.open.delete(ticket);
    return Boolean(t && t.path === path && t.expires >= Date.now());
  }

  private sweep() {
    const now = Date.now();
    for (const [k, t] of this.open) if (t.expires < now) this.open.delete(k);
  }
}

/** Paths a ticket may be issued for. */
export const ticketPathAllowed = (p: string) => p === '/ws' || /^\/outbox\/[0-9a-f-]{36}(\/[^/]+)?$/.test(p);
