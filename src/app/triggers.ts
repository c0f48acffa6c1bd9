// The hourly trigger that runs each sender's tick: installing it twice leaves one.
import type { Ports } from '../ports';

export const TICK_HANDLER = 'onTick';

/** Installs the hourly tick unless the user has one; true when it installed one now. */
export function ensureHourlyTick(ports: Ports): boolean {
  const existing = ports.triggers.handlers().filter((h) => h === TICK_HANDLER).length;
  if (existing === 1) return false;
  if (existing > 1) ports.triggers.removeAll(TICK_HANDLER);
  ports.triggers.installHourly(TICK_HANDLER);
  return true;
}

export function hasHourlyTick(ports: Ports): boolean {
  return ports.triggers.handlers().includes(TICK_HANDLER);
}
