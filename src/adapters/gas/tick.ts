// The hourly tick as Apps Script runs it. (Foundation version: logs that it ran; the campaign
// issue fills in sending and scanning.)
import type { Ports } from '../../ports';

export function runTick(_e: unknown, ports: Ports): void {
  console.log(`Baton tick for ${ports.identity.email()}`);
}
