/** One colour per lifecycle status, the same in every chart (matches the badges). */
export const STATUS_COLORS: Record<string, string> = {
  seized: '#1f5fbf',
  pending_forfeiture: '#d08a00',
  forfeited: '#1e7b47',
  disposed: '#56657a',
  returned: '#c0392b',
  released: '#7a5fb0',
};

export const STATUS_ORDER = ['seized', 'pending_forfeiture', 'forfeited', 'disposed', 'returned', 'released'] as const;
