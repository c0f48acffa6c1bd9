// CardService for the emulator: builders that produce Google's card JSON (google.apps.card.v1)
// and add-on action responses. (First version: the factory contract; builders follow.)
import type { ServiceFactory } from '../kernel';

export const cardServices: ServiceFactory = (ctx) => ({
  CardService: new Proxy(
    {},
    {
      get(_target, name) {
        throw ctx.error(`Not implemented in the emulator: CardService.${String(name)}`);
      },
    },
  ),
});
