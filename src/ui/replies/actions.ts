// The replies feature's card actions and its card for an open Gmail message of a campaign thread.
// The thread id comes from the event; the message is never read.
import {
  campaignThreadView,
  markCandidate,
  resumeCandidate,
  stopCandidate,
} from '../../app/replies/thread';
import type { Ports } from '../../ports';
import { campaignFiguresView } from '../../app/replies/metrics';
import { pushCard, requiredParameter, updateCard, type ActionMap, type CardEvent } from '../kit';
import { campaignFiguresCard, FIGURES_ACTION } from './figures';
import { campaignThreadCard, REPLY_ACTION } from './card';

/** Runs a change on the thread named by the button, then shows the card again, refreshed. */
function onThread(change: (ports: Ports, threadId: string) => void, done: string) {
  return (event: CardEvent, ports: Ports) => {
    const threadId = requiredParameter(event, 'threadId');
    change(ports, threadId);
    const view = campaignThreadView(ports, threadId);
    if (!view) throw new Error('This thread is no longer part of a campaign.');
    return updateCard(campaignThreadCard(view, threadId), done);
  };
}

export const replyActions: ActionMap = {
  [FIGURES_ACTION]: (event, ports) =>
    pushCard(
      campaignFiguresCard(campaignFiguresView(ports, requiredParameter(event, 'campaignId'))),
    ),
  [REPLY_ACTION.stop]: onThread(stopCandidate, 'Stopped: no further step goes to this candidate.'),
  [REPLY_ACTION.resume]: onThread(resumeCandidate, 'Resumed: the sequence goes on.'),
  [REPLY_ACTION.interested]: onThread(
    (ports, threadId) => markCandidate(ports, threadId, 'interested'),
    'Marked interested.',
  ),
  [REPLY_ACTION.notInterested]: onThread(
    (ports, threadId) => markCandidate(ports, threadId, 'not_interested'),
    'Marked not interested.',
  ),
};

/** The card for an open message when its thread is one of this user's campaign threads. */
export function campaignThreadCardFor(
  event: CardEvent,
  ports: Ports,
): GoogleAppsScript.Card_Service.Card[] | undefined {
  const threadId = event.gmail?.threadId;
  if (!threadId) return undefined;
  const view = campaignThreadView(ports, threadId);
  return view ? [campaignThreadCard(view, threadId)] : undefined;
}
