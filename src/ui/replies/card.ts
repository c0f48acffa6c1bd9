// The card on a message of a campaign thread: the candidate, campaign, step, state, the latest
// classification and why, and the person's buttons (Stop / Resume, mark interested / not).
import type { CampaignThreadView } from '../../app/views';
import { actionButton, buttonRow, card, labelled, progressBar, section } from '../kit';
import { FIGURES_ACTION } from './figures';

export const THREAD_CARD_NAME = 'campaignThread';

export const REPLY_ACTION = {
  stop: 'replies.stop',
  resume: 'replies.resume',
  interested: 'replies.markInterested',
  notInterested: 'replies.markNotInterested',
} as const;

export function campaignThreadCard(
  view: CampaignThreadView,
  threadId: string,
): GoogleAppsScript.Card_Service.Card {
  const params = { threadId };
  const c = view.classification;
  const stopOrResume =
    view.state === 'active'
      ? actionButton('Stop for this candidate', REPLY_ACTION.stop, params)
      : actionButton('Resume', REPLY_ACTION.resume, params);
  return card(
    {
      name: THREAD_CARD_NAME,
      title: view.candidateEmail || 'Campaign candidate',
      subtitle: view.campaignName,
    },
    [
      section(undefined, [
        labelled('Campaign', view.campaignName, `Campaign ${view.campaignState}`),
        labelled(
          'Step',
          `${view.stepsSent} of ${view.stepsTotal} sent`,
          progressBar(view.stepsSent, view.stepsTotal),
        ),
        labelled('State', view.stateText),
        labelled(
          'Latest reply',
          c ? c.label : 'No reply yet',
          c ? (c.byPerson ? c.reason : `Why: ${c.reason}`) : undefined,
        ),
      ]),
      section('Your call', [
        buttonRow(
          actionButton('Mark interested', REPLY_ACTION.interested, params),
          actionButton('Mark not interested', REPLY_ACTION.notInterested, params),
        ),
        buttonRow(
          stopOrResume,
          actionButton(
            'Campaign figures',
            FIGURES_ACTION,
            { campaignId: view.campaignId },
            'borderless',
          ),
        ),
      ]),
    ],
  );
}
