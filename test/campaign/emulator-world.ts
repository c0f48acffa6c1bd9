// A campaign driven on the emulator, through the BUILT bundle only: card actions as the owner
// would press them in Sheets, then the virtual clock that fires the owner's hourly trigger.
import { World, type ExecutionResult, type Project } from '../../emulator';
import { loadBuiltBaton } from '../../sim/baton-world';
import { messageHeader, type StoredMessage } from '../../emulator/gmail/mail-system';

export const OWNER = 'rita@acme.example';
export const TAB = 'Candidates';

export interface CampaignWorld {
  world: World;
  project: Project;
  sheetId: string;
  campaignId: string;
  act(
    action: string,
    params?: Record<string, string>,
    form?: Record<string, string | string[]>,
  ): ExecutionResult;
}

export interface StepForm {
  subject: string;
  text: string;
  html?: string;
  delayDays?: number;
}

export function emulatedCampaign(options: {
  start: string;
  rows: unknown[][];
  steps: StepForm[];
  timeZone: string;
  dailyCap: number;
  seed?: number;
}): CampaignWorld {
  const project = loadBuiltBaton();
  const world = new World({ seed: options.seed ?? 7, start: options.start });
  world.addUser({
    email: OWNER,
    name: 'Rita Recruiter',
    kind: 'workspace',
    timeZone: options.timeZone,
  });
  for (const row of options.rows.slice(1))
    world.mail.createMailbox(String(row[0]), String(row[1] ?? ''));
  const sheetId = world.createSpreadsheet({
    owner: OWNER,
    name: 'Pipeline',
    tabs: { [TAB]: options.rows },
  });
  const act: CampaignWorld['act'] = (action, params = {}, form = {}) => {
    const result = world.run({
      project,
      as: OWNER,
      fn: 'onCardAction',
      kind: 'action',
      host: { app: 'sheets', activeSpreadsheetId: sheetId },
      parameters: { action, ...params },
      formInputs: form,
    });
    if (result.error) throw new Error(`${action}: ${result.error}`);
    const notification = JSON.stringify(result.value ?? '');
    if (/Something needs your attention|Something went wrong/.test(notification))
      throw new Error(`${action}: ${notification.slice(0, 400)}`);
    return result;
  };
  act('campaign.create', { spreadsheetId: sheetId }, { tab: TAB, name: 'Backend hires' });
  const key = Object.keys(world.store(project, 'user', OWNER)).find((k) =>
    /^b1\.c\.[^.]+$/.test(k),
  );
  if (!key) throw new Error('campaign.create stored no campaign');
  const campaignId = key.slice('b1.c.'.length);
  options.steps.forEach((step, index) =>
    act(
      'campaign.saveStep',
      { id: campaignId, index: String(index) },
      {
        subject: step.subject,
        text: step.text,
        html: step.html ?? '',
        delayDays: String(step.delayDays ?? 0),
      },
    ),
  );
  act(
    'campaign.saveSettings',
    { id: campaignId },
    {
      timeZone: options.timeZone,
      windowStart: '9:00',
      windowEnd: '17:00',
      weekdays: ['1', '2', '3', '4', '5'],
      dailyCap: String(options.dailyCap),
      startDate: options.start.slice(0, 10),
    },
  );
  return { world, project, sheetId, campaignId, act };
}

/** Messages in a candidate's own mailbox that came from Baton, oldest first. */
export function receivedBy(world: World, address: string): StoredMessage[] {
  const mailbox = world.mail.mailbox(address);
  return mailbox
    .threadIds()
    .flatMap((t) => mailbox.thread(t))
    .filter((m) => messageHeader(m, 'X-Baton-Key') !== '')
    .sort((a, b) => a.internalDate - b.internalDate);
}

export { messageHeader };
