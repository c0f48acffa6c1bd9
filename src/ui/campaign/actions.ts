// The campaign cards' actions: each reads the form, calls one use case (which records intent in
// the store) and answers with the refreshed card; the hourly tick does the sending.
import { campaignEditor, campaignList } from '../../app/campaign-view';
import {
  chooseSender,
  createCampaignFromTab,
  end,
  getCampaign,
  launch,
  pause,
  previewRow,
  resume,
  sendTest,
  stepFromDraft,
  updateSettings,
  updateSteps,
} from '../../app/campaigns';
import type { Step } from '../../core/campaign';
import { BatonError } from '../../core/errors';
import { isValidTimeZone, zonedToUtc } from '../../core/schedule';
import type { Ports } from '../../ports';
import {
  clockFormValue,
  dateFormValue,
  formValues,
  integerFormValue,
  notify,
  optionalFormValue,
  pushCard,
  requiredFormValue,
  requiredParameter,
  updateCard,
  userTimeZone,
  type ActionHandler,
  type ActionMap,
  type CardEvent,
} from '../kit';
import { campaignEditorCard, campaignListCard, previewCard, stepEditorCard } from './cards';

const editor = (ports: Ports, id: string) => campaignEditorCard(campaignEditor(ports, id));
const refreshed = (ports: Ports, id: string, text: string) => updateCard(editor(ports, id), text);

function stepIndex(event: CardEvent): number {
  const index = Number(requiredParameter(event, 'index'));
  if (!Number.isInteger(index) || index < 0)
    throw new BatonError('BAD_STEP', 'This button names no step: reopen the campaign.');
  return index;
}

/** Saves the steps as `change` leaves them; it answers with the notification's text. */
function changeSteps(
  ports: Ports,
  id: string,
  change: (steps: Step[]) => string,
): ReturnType<ActionHandler> {
  const steps = getCampaign(ports, id).steps.map((s) => ({ ...s }));
  const text = change(steps);
  updateSteps(ports, id, steps);
  return refreshed(ports, id, text);
}

/** A button that moves the campaign through its lifecycle, then shows the editor. */
function lifecycle(move: (ports: Ports, id: string) => unknown, text: string): ActionHandler {
  return (event, ports) => {
    const id = requiredParameter(event, 'id');
    move(ports, id);
    return refreshed(ports, id, text);
  };
}

/** The Sheets homepage of Baton: the campaigns of the open spreadsheet. */
export function sheetsHomeCard(event: CardEvent, ports: Ports): GoogleAppsScript.Card_Service.Card {
  const spreadsheetId = event.sheets?.id;
  if (!spreadsheetId)
    throw new BatonError('NO_SPREADSHEET', 'Open Baton from a spreadsheet to see its campaigns.');
  return campaignListCard(campaignList(ports, spreadsheetId));
}

export const campaignActions: ActionMap = {
  'campaign.list': (event, ports) => updateCard(sheetsHomeCard(event, ports)),
  'campaign.create': (event, ports) => {
    const campaign = createCampaignFromTab(ports, {
      spreadsheetId: requiredParameter(event, 'spreadsheetId'),
      tabName: requiredFormValue(event, 'tab', 'Tab with the candidates'),
      name: optionalFormValue(event, 'name'),
      emailHeader: optionalFormValue(event, 'emailHeader'),
      timeZone: userTimeZone(event),
    });
    return pushCard(editor(ports, campaign.id), 'Campaign created: add its steps.');
  },
  'campaign.open': (event, ports) => pushCard(editor(ports, requiredParameter(event, 'id'))),
  'campaign.editStep': (event, ports) => {
    const id = requiredParameter(event, 'id');
    return pushCard(stepEditorCard(campaignEditor(ports, id, true), stepIndex(event)));
  },
  'campaign.saveStep': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const index = stepIndex(event);
    const step: Step = {
      subject: optionalFormValue(event, 'subject') ?? '',
      text: formValues(event, 'text')[0] ?? '',
      html: formValues(event, 'html')[0] ?? '',
      delayDays:
        index === 0
          ? 0
          : integerFormValue(event, 'delayDays', 'Days after the previous step', {
              min: 0,
              max: 365,
            }),
    };
    return changeSteps(ports, id, (steps) => {
      steps[index] = step;
      return `Step ${index + 1} saved.`;
    });
  },
  'campaign.stepFromDraft': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const index = stepIndex(event);
    const draftId = requiredFormValue(event, 'draftId', 'Draft');
    return changeSteps(ports, id, (steps) => {
      const step = stepFromDraft(ports, draftId, steps[index]?.delayDays ?? (index === 0 ? 0 : 3));
      steps[index] = step;
      return `Step ${index + 1} now uses the draft "${step.subject}".`;
    });
  },
  'campaign.deleteStep': (event, ports) => {
    const index = stepIndex(event);
    return changeSteps(ports, requiredParameter(event, 'id'), (steps) => {
      steps.splice(index, 1);
      return `Step ${index + 1} deleted.`;
    });
  },
  'campaign.moveStep': (event, ports) => {
    const index = stepIndex(event);
    return changeSteps(ports, requiredParameter(event, 'id'), (steps) => {
      if (index >= 1 && index < steps.length) {
        [steps[index - 1], steps[index]] = [steps[index], steps[index - 1]];
        [steps[index - 1].delayDays, steps[index].delayDays] = [
          steps[index].delayDays,
          steps[index - 1].delayDays,
        ];
      }
      return `Step ${index + 1} moved up.`;
    });
  },
  'campaign.saveSettings': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const timeZone = requiredFormValue(event, 'timeZone', 'Time zone');
    const start = dateFormValue(event, 'startDate', 'Start date');
    if (!isValidTimeZone(timeZone))
      throw new BatonError(
        'BAD_TIME_ZONE',
        `"${timeZone}" is not a time zone. Use a name such as Europe/Paris.`,
        'timeZone',
      );
    updateSettings(ports, id, {
      timeZone,
      window: {
        startMinute: clockFormValue(event, 'windowStart', 'Send from'),
        endMinute: clockFormValue(event, 'windowEnd', 'Send until'),
        weekdays: formValues(event, 'weekdays').map(Number),
      },
      dailyCap: integerFormValue(event, 'dailyCap', 'Daily cap', { min: 1, max: 2000 }),
      startAt: zonedToUtc(start.year, start.month, start.day, 0, timeZone),
    });
    return refreshed(ports, id, 'Settings saved.');
  },
  'campaign.chooseSender': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const campaign = chooseSender(ports, id, {
      email: requiredFormValue(event, 'senderEmail', 'Send from'),
      name: optionalFormValue(event, 'senderName') ?? '',
    });
    return refreshed(ports, id, `Mail goes out from ${campaign.sender.email}.`);
  },
  'campaign.preview': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const row = integerFormValue(event, 'row', 'Row', { min: 2, max: 1_000_000 });
    const step = integerFormValue(event, 'step', 'Step', { min: 1, max: 10 });
    return pushCard(previewCard(previewRow(ports, id, row, step), getCampaign(ports, id).name));
  },
  'campaign.sendTest': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const row = integerFormValue(event, 'row', 'Row', { min: 2, max: 1_000_000 });
    const step = integerFormValue(event, 'step', 'Step', { min: 1, max: 10 });
    return notify(`Test sent to ${sendTest(ports, id, row, step)}.`);
  },
  'campaign.launch': lifecycle(launch, 'Launched: the hourly tick sends inside the window.'),
  'campaign.pause': lifecycle(pause, 'Paused: nothing is sent until you resume.'),
  'campaign.resume': lifecycle(resume, 'Resumed: follow-ups that fell due are sent next.'),
  'campaign.end': (event, ports) => {
    const id = requiredParameter(event, 'id');
    const wasDraft = getCampaign(ports, id).state === 'draft';
    end(ports, id);
    if (wasDraft) return updateCard(sheetsHomeCard(event, ports), 'Draft campaign deleted.');
    return refreshed(ports, id, 'Ended: the next tick writes the final statuses.');
  },
};
