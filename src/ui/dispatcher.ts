// The one dispatcher: every card button calls `onCardAction`, which lands here; the action's name
// picks a handler from the registry that the feature modules build. Adding a feature's actions or
// its card for an open Gmail message is one line below.
import { BatonError } from '../core/errors';
import type { Ports } from '../ports';
import { campaignActions } from './campaign/actions';
import { helpActions } from './common/help';
import { settingsActions } from './common/settings';
import { delegationActions, invitationCardFor } from './delegation/actions';
import { homeActions } from './home/actions';
import { campaignThreadCardFor, replyActions } from './replies/actions';
import { actionNameOf, errorResponse, type ActionMap, type CardEvent } from './kit';

/** Merges feature action maps; two features claiming one name is a bug, caught by the tests. */
export function mergeActions(...maps: ActionMap[]): ActionMap {
  const all: ActionMap = {};
  for (const map of maps)
    for (const [name, handler] of Object.entries(map)) {
      if (Object.prototype.hasOwnProperty.call(all, name))
        throw new Error(`Two card actions are called "${name}": rename one.`);
      all[name] = handler;
    }
  return all;
}

/** Every card action Baton has. */
export const ACTIONS: ActionMap = mergeActions(
  homeActions,
  settingsActions,
  helpActions,
  delegationActions,
  campaignActions,
  replyActions,
);

/**
 * Cards for an open Gmail message, one provider per feature (invitation, campaign thread): the
 * first that recognises the message answers; none → the light card. A provider must not read
 * the message unless it is the feature's own (the contextual scope is metadata only).
 */
export type MessageCardProvider = (
  event: CardEvent,
  ports: Ports,
) => GoogleAppsScript.Card_Service.Card[] | undefined;
// The campaign-thread card goes first: it knows a thread by its id alone, without reading the
// message; invitations never sit in a campaign thread.
export const MESSAGE_CARDS: MessageCardProvider[] = [campaignThreadCardFor, invitationCardFor];

/** Runs the action a button named; an unknown name or any failure becomes plain words. */
export function dispatchCardAction(
  event: CardEvent,
  ports: Ports,
): GoogleAppsScript.Card_Service.ActionResponse {
  try {
    const name = actionNameOf(event);
    if (!Object.prototype.hasOwnProperty.call(ACTIONS, name))
      throw new BatonError(
        'UNKNOWN_ACTION',
        name
          ? `This button asks for "${name}", which this version of Baton does not have. Reload Baton (close and reopen the side panel) and try again.`
          : 'This button did not say what to do. Reload Baton (close and reopen the side panel) and try again.',
      );
    return ACTIONS[name](event, ports);
  } catch (error) {
    return errorResponse(error);
  }
}
