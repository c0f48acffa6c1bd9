// Builds the Apps Script implementation of every port, once per execution (nothing survives
// between executions in Apps Script, so nothing here is cached in module state).
import type { Ports } from '../../ports';

export function gasPorts(): Ports {
  return {
    identity: { email: () => Session.getEffectiveUser().getEmail() },
  };
}
