/** 1536 -> "1.5 KB", in the user's locale. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(navigator.language || 'en-US', { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}
