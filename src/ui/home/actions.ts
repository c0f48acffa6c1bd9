// The home card's actions: open (or refresh) it, and turn sending on for the user's mailbox.
import { grantViews } from '../../app/delegation/approve';
import { enableSending, loadHome } from '../../app/home';
import { pauseNotices } from '../../app/replies/pauses';
import type { HomeView } from '../../app/views';
import type { Ports } from '../../ports';
import { HOME_ACTION, updateCard, type ActionMap } from '../kit';
import { homeCard } from './card';

/** The home view with everything gathered (the delegation helper adds the grants here). */
export function homeView(ports: Ports): HomeView {
  const view = loadHome(ports, grantViews(ports));
  // A campaign Baton paused says why first: the owner has something to fix.
  view.notices.unshift(...pauseNotices(ports));
  return view;
}

export const homeActions: ActionMap = {
  [HOME_ACTION]: (_event, ports) => updateCard(homeCard(homeView(ports))),
  'home.enableSending': (_event, ports) => {
    const turnedOn = enableSending(ports);
    return updateCard(
      homeCard(homeView(ports)),
      turnedOn ? 'Sending is on: Baton sends every hour.' : 'Sending was already on.',
    );
  },
};
