// Personal data shown on screen is the least the agent needs: a CPR shows its last four digits.
export function maskCpr(cpr: string | undefined): string {
  if (cpr === undefined || cpr.length === 0) return '';
  const visible = cpr.slice(-4);
  return `${'*'.repeat(Math.max(0, cpr.length - visible.length))}${visible}`;
}
