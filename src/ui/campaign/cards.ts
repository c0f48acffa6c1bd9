// The campaign cards: the spreadsheet's campaign list with "New campaign from this tab", the
// editor (steps, settings, sender, preview and test, Launch/Pause/Resume/End) and its sub-cards.
// Pure builders: a view model in, a Card out.
import type { CampaignEditorView, CampaignListView } from '../../app/campaign-view';
import type { RowPreview } from '../../app/campaigns';
import type { Step } from '../../core/campaign';
import { EMPTY_SUBJECT_REASON } from '../../core/merge';
import { formatClock, localDay } from '../../core/schedule';
import {
  actionButton,
  buttonRow,
  card,
  esc,
  labelled,
  linkButton,
  noticeSection,
  paragraph,
  section,
  textInput,
} from '../kit';
import { FIGURES_ACTION } from '../replies/figures';

type Card = GoogleAppsScript.Card_Service.Card;
type Widget = GoogleAppsScript.Card_Service.Widget;

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const STATE_WORDS = { draft: 'Draft', running: 'Running', paused: 'Paused', ended: 'Ended' };

function dropdown(
  field: string,
  title: string,
  items: { text: string; value: string }[],
  selected?: string,
) {
  return items.reduce(
    (w, item) => w.addItem(item.text, item.value, item.value === selected),
    CardService.newSelectionInput()
      .setType(CardService.SelectionInputType.DROPDOWN)
      .setFieldName(field)
      .setTitle(title),
  );
}

export function campaignListCard(view: CampaignListView): Card {
  const campaigns: Widget[] = view.campaigns.length
    ? view.campaigns.map((c) =>
        CardService.newDecoratedText()
          .setTopLabel(`${STATE_WORDS[c.state]} · tab ${esc(c.tabName)}`)
          .setText(esc(c.name))
          .setBottomLabel(`${c.sent} sent`)
          .setWrapText(true)
          .setButton(actionButton('Open', 'campaign.open', { id: c.id })),
      )
    : [paragraph('No campaign in this spreadsheet yet.')];
  const create: Widget[] = view.tabs.length
    ? [
        dropdown(
          'tab',
          'Tab with the candidates',
          view.tabs.map((t) => ({ text: t, value: t })),
          view.tabs[0],
        ),
        textInput('name', 'Campaign name', '', { hint: 'Defaults to the tab name' }),
        textInput('emailHeader', 'Email column', '', {
          hint: 'Leave empty to detect it from the headers',
        }),
        buttonRow(
          actionButton(
            'New campaign from this tab',
            'campaign.create',
            { spreadsheetId: view.spreadsheetId },
            'filled',
          ),
        ),
      ]
    : [paragraph('This spreadsheet has no tab.')];
  return card(
    { name: 'campaign.list', title: 'Baton', subtitle: 'Campaigns in this spreadsheet' },
    [section('Campaigns', campaigns), section('New campaign', create)],
  );
}

function stepSummary(step: Step, index: number, sent: number): string {
  const when =
    index === 0 ? 'first' : `${step.delayDays} day${step.delayDays === 1 ? '' : 's'} later`;
  const subject = step.subject.trim() || '(Re: first subject)';
  return `${index + 1}. ${esc(subject)} · ${when} · ${sent} sent`;
}

function stepWidgets(view: CampaignEditorView): Widget[] {
  const { campaign } = view;
  const id = campaign.id;
  const widgets: Widget[] = campaign.steps.map((step, i) =>
    CardService.newDecoratedText()
      .setText(stepSummary(step, i, view.sentPerStep[i] ?? 0))
      .setWrapText(true)
      .setButton(actionButton('Edit', 'campaign.editStep', { id, index: String(i) })),
  );
  if (campaign.steps.length > 1)
    widgets.push(
      buttonRow(
        ...campaign.steps
          .slice(1)
          .map((_s, i) =>
            actionButton(
              `Move ${i + 2} up`,
              'campaign.moveStep',
              { id, index: String(i + 1) },
              'borderless',
            ),
          ),
      ),
    );
  if (campaign.state !== 'ended')
    widgets.push(
      buttonRow(
        actionButton('Add step', 'campaign.editStep', { id, index: String(campaign.steps.length) }),
      ),
    );
  return widgets.length ? widgets : [paragraph('No steps yet.')];
}

function settingsWidgets(view: CampaignEditorView): Widget[] {
  const s = view.campaign.settings;
  const days = WEEKDAY_NAMES.reduce(
    (w, name, d) => w.addItem(name, String(d), s.window.weekdays.includes(d)),
    CardService.newSelectionInput()
      .setType(CardService.SelectionInputType.CHECK_BOX)
      .setFieldName('weekdays')
      .setTitle('Days'),
  );
  return [
    textInput('timeZone', 'Time zone', s.timeZone, {
      hint: 'e.g. Europe/Paris; a "Time zone" column overrides it per row',
    }),
    textInput('windowStart', 'Send from', formatClock(s.window.startMinute)),
    textInput('windowEnd', 'Send until', formatClock(s.window.endMinute)),
    days,
    textInput('dailyCap', 'Daily cap (messages per day)', String(s.dailyCap)),
    textInput(
      'startDate',
      'Start date',
      // The day as typed: saving reads it as 00:00 in the campaign's zone, not in UTC.
      localDay(s.startAt, s.timeZone),
      { hint: 'YYYY-MM-DD (00:00 in the time zone)' },
    ),
    buttonRow(actionButton('Save settings', 'campaign.saveSettings', { id: view.campaign.id })),
  ];
}

function lifecycleButtons(view: CampaignEditorView) {
  const id = view.campaign.id;
  const buttons = {
    draft: [
      actionButton('Launch', 'campaign.launch', { id }, 'filled'),
      actionButton('Delete', 'campaign.end', { id }),
    ],
    running: [
      actionButton('Pause', 'campaign.pause', { id }),
      actionButton('End', 'campaign.end', { id }),
    ],
    paused: [
      actionButton('Resume', 'campaign.resume', { id }, 'filled'),
      actionButton('End', 'campaign.end', { id }),
    ],
    ended: [],
  }[view.campaign.state];
  return buttons;
}

export function campaignEditorCard(view: CampaignEditorView): Card {
  const { campaign } = view;
  const id = campaign.id;
  const stopped = Object.entries(view.stopped)
    .map(([state, n]) => `${n} ${state.replace('_', ' ')}`)
    .join(', ');
  const sections = [
    ...noticeSection(view.problems.map((text) => ({ tone: 'warning' as const, text }))),
    section(undefined, [
      labelled(
        'State',
        STATE_WORDS[campaign.state],
        stopped ? `Out of the sequence: ${stopped}` : undefined,
      ),
      labelled('Email column', view.emailHeader || 'none found', `${view.rows} candidates`),
      labelled('Variables', view.variables.map((v) => `{{${v}}}`).join(' ') || 'none'),
      buttonRow(
        actionButton('Replies and figures', FIGURES_ACTION, { campaignId: id }),
        linkButton('Open the sheet', view.spreadsheetUrl),
      ),
    ]),
    section('Steps', stepWidgets(view)),
    section('Settings', settingsWidgets(view), { visible: 0 }),
    section(
      'Sender',
      [
        textInput('senderEmail', 'Send from (your address or alias)', campaign.sender.email),
        textInput('senderName', 'Name shown in From', campaign.sender.name),
        buttonRow(
          actionButton('Save sender', 'campaign.chooseSender', { id }),
          // Sending from a colleague's mailbox: the delegation cards (src/ui/delegation).
          actionButton('Send as a colleague…', 'delegation.openInvite', { campaignId: id }),
          actionButton('Senders', 'delegation.senders', { campaignId: id }, 'borderless'),
        ),
      ],
      { visible: 0 },
    ),
    section('Preview and test', [
      textInput('row', 'Row', '2', { hint: 'A row number of the sheet' }),
      textInput('step', 'Step', '1'),
      buttonRow(
        actionButton('Preview', 'campaign.preview', { id }),
        actionButton('Send me a test', 'campaign.sendTest', { id }),
      ),
    ]),
  ];
  const lifecycle = lifecycleButtons(view);
  if (lifecycle.length > 1) sections.push(section(undefined, [buttonRow(...lifecycle.slice(1))]));
  return card(
    { name: 'campaign.editor', title: campaign.name, subtitle: `Tab ${campaign.tabName}` },
    sections,
    lifecycle[0],
  );
}

export function stepEditorCard(view: CampaignEditorView, index: number): Card {
  const step: Step = view.campaign.steps[index] ?? {
    subject: '',
    text: '',
    html: '',
    delayDays: index === 0 ? 0 : 3,
  };
  const id = view.campaign.id;
  const params = { id, index: String(index) };
  const widgets: Widget[] = [
    textInput('subject', 'Subject', step.subject, {
      hint: index === 0 ? undefined : 'Empty: "Re: " + the first subject, in the same thread',
    }),
    textInput('text', 'Body (plain text)', step.text, {
      multiline: true,
      hint: 'Variables: {{First name}}, fallbacks: {{First name|there}}',
    }),
    textInput('html', 'Body (HTML, optional)', step.html, { multiline: true }),
  ];
  if (index > 0)
    widgets.push(textInput('delayDays', 'Days after the previous step', String(step.delayDays)));
  widgets.push(
    buttonRow(
      actionButton('Save step', 'campaign.saveStep', params, 'filled'),
      ...(index < view.campaign.steps.length
        ? [actionButton('Delete step', 'campaign.deleteStep', params)]
        : []),
    ),
  );
  const sections = [section(`Step ${index + 1}`, widgets)];
  if (view.drafts.length)
    sections.push(
      section('Or take the body from a Gmail draft', [
        dropdown(
          'draftId',
          'Draft',
          view.drafts.map((d) => ({ text: d.subject || '(no subject)', value: d.id })),
        ),
        buttonRow(actionButton('Use this draft', 'campaign.stepFromDraft', params)),
      ]),
    );
  return card(
    { name: 'campaign.step', title: view.campaign.name, subtitle: `Step ${index + 1}` },
    sections,
  );
}

export function previewCard(preview: RowPreview, campaignName: string): Card {
  const notices = [
    ...(preview.skipped
      ? [{ tone: 'error' as const, text: `Row ${preview.row} is skipped: ${preview.skipped}` }]
      : []),
    ...(preview.missing.length
      ? [
          {
            tone: 'error' as const,
            text: `Not sent to this row: ${preview.missing.map((m) => `{{${m}}}`).join(', ')} empty, no fallback.`,
          },
        ]
      : []),
    ...(preview.missing.length === 0 && preview.subject.trim() === ''
      ? [{ tone: 'error' as const, text: EMPTY_SUBJECT_REASON }]
      : []),
    ...(preview.unknown.length
      ? [
          {
            tone: 'warning' as const,
            text: `No column matches ${preview.unknown.map((m) => `{{${m}}}`).join(', ')}.`,
          },
        ]
      : []),
  ];
  return card(
    {
      name: 'campaign.preview',
      title: campaignName,
      subtitle: `Row ${preview.row}, step ${preview.step}`,
    },
    [
      ...noticeSection(notices),
      section(undefined, [
        labelled('To', preview.to),
        labelled('Subject', preview.subject),
        paragraph(esc(preview.text || preview.html).replace(/\n/g, '<br>')),
      ]),
    ],
  );
}
