// What the browser tests do, as stories of steps through the workbench's pages: the page checks
// (each widget path, panels, clock, mail, cells) and Baton's headline stories end to end.
import type { Locator, Page } from 'playwright-core';
import { deepStrictEqual } from 'node:assert/strict';
import { GALLERY_ACTION, galleryCard } from './gallery';
import { type Behaviour, CANDIDATES_TAB, HIRING_MANAGER, RECRUITER, demoCandidates } from '../demo';

export interface StoryContext {
  url: string;
  shot(name: string): Promise<void>;
  /** Stops the workbench and starts it again on the same saved world (the URL changes). */
  restart(): Promise<void>;
}

export interface Step {
  name: string;
  run(page: Page, ctx: StoryContext): Promise<void>;
}

export interface Story {
  name: string;
  steps: Step[];
}

/** The candidate who answers by hand (the demo scripts everyone else). */
const MANUAL_CANDIDATE = demoCandidates().find((c) => c.behaviour === 'manual')!;
const candidateWho = (behaviour: Behaviour) =>
  demoCandidates().find((c) => c.behaviour === behaviour)!;

const sidebar = (page: Page) => page.locator('#sidebar-body');
const sidebarCard = (page: Page) => page.locator('#sidebar-body .card');

async function open(page: Page, ctx: StoryContext, app: 'gmail' | 'sheets', user: string) {
  await page.goto(`${ctx.url}#/${app}/${encodeURIComponent(user)}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('#sidebar-body .card, #sidebar-body .muted').first().waitFor();
}

async function switchUser(page: Page, user: string) {
  await page.selectOption('#user', user);
  await page.waitForFunction((u) => location.hash.includes(encodeURIComponent(u)), user);
  await page.locator('#sidebar-body .card, #sidebar-body .muted').first().waitFor();
}

/** Runs a clock jump from the top bar and waits for it to finish. */
async function advance(page: Page, by: 'hour' | 'day' | 'week' | 'next-trigger') {
  const before = await page.locator('#clock').textContent();
  const button = page.locator(`[data-advance="${by}"]`);
  await button.click();
  await page.waitForFunction(
    () => !(document.querySelector('[data-advance]') as HTMLButtonElement).disabled,
  );
  const after = await page.locator('#clock').textContent();
  if (before === after) throw new Error(`The clock did not move on "${by}" (still ${after}).`);
}

/** Clicks the card button whose text matches, waiting for the add-on's answer. */
/** A widget in a collapsed section shows only after "Show more", as in Gmail: expand them all. */
async function reveal(page: Page, widget: Locator) {
  if (await widget.isVisible().catch(() => false)) return;
  await page.waitForTimeout(500);
  if (await widget.isVisible()) return;
  const toggles = sidebar(page).getByRole('button', { name: 'Show more' });
  for (let i = 0; i < 10 && (await toggles.count()) > 0; i++)
    await toggles
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
}

async function clickCardButton(page: Page, name: RegExp) {
  const button = sidebar(page).getByRole('button', { name }).first();
  await reveal(page, button);
  await button.click();
  await page.waitForFunction(() => !document.querySelector('#sidebar.loading'));
}

async function expectText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function composeAndSend(page: Page, to: string, subject: string, body: string) {
  await page.getByRole('button', { name: 'Compose' }).click();
  await page.fill('.composer [name=to]', to);
  await page.fill('.composer [name=subject]', subject);
  await page.fill('.composer [name=body]', body);
  await page.locator('.composer').getByRole('button', { name: 'Send' }).click();
  await page.locator('.toast', { hasText: 'Message sent.' }).waitFor();
}

async function openThreadWith(page: Page, text: string | RegExp) {
  await page.locator('.thread', { hasText: text }).first().click();
  await page.locator('.thread-view').waitFor();
}

async function sheetCell(page: Page, tab: string, row: number, col: number) {
  await page.locator(`.tabs [data-tab="${tab}"]`).click();
  await page.locator(`.grid[data-tab="${tab}"]`).waitFor();
  return page.locator(`.grid tbody tr:nth-child(${row + 1}) td:nth-of-type(${col + 1})`);
}

export const pageChecks: Story = {
  name: 'pages',
  steps: [
    {
      name: "the Gmail page shows the recruiter's labels and Baton's homepage card",
      async run(page, ctx) {
        await open(page, ctx, 'gmail', RECRUITER);
        await expectText(page.locator('.labels .label'), 'Inbox');
        await sidebarCard(page).first().waitFor();
        const title = await sidebarCard(page).locator('.card-title').first().textContent();
        if (!title?.trim()) throw new Error('The homepage card has no title.');
        await ctx.shot('gmail-recruiter-home');
      },
    },
    {
      name: "a candidate writes from their own mailbox and it lands in the recruiter's inbox",
      async run(page) {
        await switchUser(page, MANUAL_CANDIDATE.email);
        await expectText(sidebar(page), 'Baton is not installed');
        await composeAndSend(page, RECRUITER, 'Question about the role', 'Is it remote?');
        await switchUser(page, RECRUITER);
        await expectText(page.locator('.thread'), 'Question about the role');
      },
    },
    {
      name: 'opening the message shows the contextual card',
      async run(page, ctx) {
        await openThreadWith(page, 'Question about the role');
        await expectText(page.locator('.message-body'), 'Is it remote?');
        await sidebarCard(page).first().waitFor();
        await ctx.shot('gmail-thread-contextual');
        await page.getByRole('button', { name: '← Back to list' }).click();
        const row = page.locator('.thread', { hasText: 'Question about the role' });
        await row.waitFor();
        if (await row.evaluate((node) => node.classList.contains('unread')))
          throw new Error('The thread is still unread after it was opened.');
      },
    },
    {
      name: 'the Sheets page lists every candidate and keeps an edited cell',
      async run(page, ctx) {
        await open(page, ctx, 'sheets', RECRUITER);
        const rows = await page.locator('.grid tbody tr').count();
        if (rows !== demoCandidates().length + 1)
          throw new Error(`Expected ${demoCandidates().length + 1} rows, found ${rows}.`);
        const cell = await sheetCell(page, CANDIDATES_TAB, 1, 4);
        await cell.click();
        await cell.fill('Staff backend');
        await cell.press('Enter');
        await page.waitForTimeout(200);
        await page.reload();
        await page.locator('body[data-ready="true"]').waitFor();
        const again = await sheetCell(page, CANDIDATES_TAB, 1, 4);
        const text = await again.textContent();
        if (text !== 'Staff backend') throw new Error(`The edited cell reads "${text}".`);
        await ctx.shot('sheets-recruiter');
      },
    },
    {
      name: 'advancing the clock by a day moves the simulated time',
      async run(page) {
        const before = await page.locator('#clock').textContent();
        await advance(page, 'day');
        const after = await page.locator('#clock').textContent();
        const days =
          (Date.parse(after!.replace(' UTC', 'Z')) - Date.parse(before!.replace(' UTC', 'Z'))) /
          86400_000;
        if (days !== 1) throw new Error(`The clock moved ${days} days, not 1.`);
      },
    },
    {
      name: 'scripted candidates answer the recruiter: one replies, one is away, one bounces',
      async run(page, ctx) {
        await switchUser(page, RECRUITER);
        await page.click('#apps [data-app="gmail"]');
        for (const behaviour of ['interested', 'away', 'bounces'] as const)
          await composeAndSend(page, candidateWho(behaviour).email, `Role for ${behaviour}`, 'Hi!');
        await advance(page, 'day');
        await page.locator('.labels [data-label="Inbox"]').click();
        await expectText(page.locator('.thread'), /Thanks for reaching out/);
        await expectText(page.locator('.thread'), /Out of office/);
        await expectText(page.locator('.thread'), /Mail Delivery Subsystem/);
        await ctx.shot('gmail-recruiter-replies');
      },
    },
    {
      name: 'a restart keeps the world: the clock, the mail and the edited cell',
      async run(page, ctx) {
        const clock = await page.locator('#clock').textContent();
        await ctx.restart();
        await open(page, ctx, 'gmail', RECRUITER);
        const after = await page.locator('#clock').textContent();
        if (after !== clock)
          throw new Error(`The clock reads ${after} after a restart, not ${clock}.`);
        await expectText(page.locator('.thread'), 'Question about the role');
        await page.click('#apps [data-app="sheets"]');
        const cell = await sheetCell(page, CANDIDATES_TAB, 1, 4);
        if ((await cell.textContent()) !== 'Staff backend')
          throw new Error('The edited cell was lost.');
      },
    },
    {
      name: 'the executions panel lists who ran what, with calls per service',
      async run(page, ctx) {
        await page.click('#toggle-executions');
        await page.locator('#executions tbody tr').first().waitFor();
        await expectText(page.locator('#executions tbody tr'), RECRUITER);
        await page.click('#toggle-usage');
        await expectText(page.locator('.usage-user h3'), HIRING_MANAGER);
        await ctx.shot('panels');
      },
    },
  ],
};

interface RecordedCall {
  action: { function: string; parameters?: { key: string; value: string }[] };
  inputs: Record<string, unknown>;
}

/** The renderer alone: the gallery card (every widget), its inputs read back as formInputs. */
export const cardChecks: Story = {
  name: 'cards',
  steps: [
    {
      name: 'every widget of the gallery card renders, none unknown',
      async run(page, ctx) {
        await page.goto(ctx.url);
        await page.locator('body[data-ready="true"]').waitFor();
        // A string, not a function: tsx would wrap a function with helpers the page lacks.
        await page.evaluate(`(async () => {
          const cards = await import(location.origin + '/cards.js');
          window.calls = [];
          const root = cards.renderCard(${JSON.stringify(galleryCard())}, {
            runAction: (action) => window.calls.push({ action, inputs: cards.readFormInputs(root) }),
            openLink: () => undefined,
            pushCard: () => undefined,
          });
          document.getElementById('app-view').replaceChildren(root);
        })()`);
        const view = page.locator('#app-view');
        const unknown = await view.locator('.card-unknown').count();
        if (unknown) throw new Error(`${unknown} widget(s) were not rendered.`);
        for (const selector of [
          '[name=subject]',
          'textarea[name=body]',
          'select[name=zone]',
          'input[type=radio][value=colleague]',
          'input[type=checkbox][value=TUE]',
          '[role=switch][value=stop]',
          'input[type=date][name=start]',
          'hr.card-divider',
          '.decorated [name=paused]',
          '.card-grid-item',
          'img.card-image',
          '.card-footer button',
        ])
          await view.locator(selector).first().waitFor({ state: 'attached' });
        await expectText(view.locator('.text-paragraph i'), 'visible');
        if (await view.getByText('Hidden until expanded').isVisible())
          throw new Error('A collapsed widget is visible before "Show more".');
        await view.getByRole('button', { name: 'Show more' }).click();
        await view.getByText('Hidden until expanded').waitFor();
        await ctx.shot('card-gallery');
      },
    },
    {
      name: 'a button sends its action with every input as commonEventObject.formInputs',
      async run(page) {
        const view = page.locator('#app-view');
        await view.locator('[name=subject]').fill('Hi {{First name}}');
        await view.locator('textarea[name=body]').fill('Line 1\nLine 2');
        await view.locator('select[name=zone]').selectOption('Europe/Paris');
        await view.locator('input[type=radio][value=colleague]').check();
        await view.locator('input[type=checkbox][value=MON]').uncheck();
        await view.locator('input[type=checkbox][value=TUE]').check();
        await view.locator('[role=switch][value=stop]').uncheck();
        await view.locator('input[type=date][name=start]').fill('2026-03-10');
        await view.locator('.decorated [name=paused]').check();
        await view.getByRole('button', { name: 'Save' }).click();
        const calls = await page.evaluate(
          () => (window as unknown as { calls: RecordedCall[] }).calls,
        );
        deepStrictEqual(calls.length, 1);
        deepStrictEqual(calls[0].action.function, GALLERY_ACTION.function);
        deepStrictEqual(calls[0].action.parameters, [{ key: 'action', value: 'gallery.save' }]);
        const text = (value: string[]) => ({ stringInputs: { value } });
        deepStrictEqual(calls[0].inputs, {
          subject: text(['Hi {{First name}}']),
          body: text(['Line 1\nLine 2']),
          zone: text(['Europe/Paris']),
          sender: text(['colleague']),
          days: text(['TUE']),
          start: { dateInput: { msSinceEpoch: Date.UTC(2026, 2, 10) } },
          paused: text(['yes']),
        });
      },
    },
    {
      name: 'a grid item click names the item',
      async run(page) {
        await page.locator('.card-grid-item', { hasText: 'Step 2' }).click();
        const calls = await page.evaluate(
          () => (window as unknown as { calls: RecordedCall[] }).calls,
        );
        deepStrictEqual(calls[1].action.parameters?.at(-1), {
          key: 'grid_item_identifier',
          value: 's2',
        });
      },
    },
  ],
};

/** Fills the open card's inputs by field name, then presses a card button. */
async function fillCard(page: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) {
    const input = sidebar(page).locator(`[name="${name}"]`).first();
    await reveal(page, input);
    await input.fill(value);
  }
}

/** The recruiter turns sending on in Gmail (an hourly trigger appears), then opens the sheet. */
async function turnSendingOnThenOpenSheets(page: Page, ctx: StoryContext) {
  await open(page, ctx, 'gmail', RECRUITER);
  await clickCardButton(page, /turn on/i);
  await page.locator('#clock[title^="Next trigger"]').waitFor();
  await page.click('#apps [data-app="sheets"]');
}

/** From the Sheets homepage: a campaign on the Candidates tab with the given steps. */
async function createCampaign(
  page: Page,
  steps: { subject: string; text: string; delayDays?: number }[],
) {
  await clickCardButton(page, /new campaign from this tab/i);
  await expectText(sidebar(page).locator('.card-section-header'), 'Steps');
  for (const step of steps) {
    await clickCardButton(page, /add step/i);
    await fillCard(page, {
      subject: step.subject,
      text: step.text,
      ...(step.delayDays === undefined ? {} : { delayDays: String(step.delayDays) }),
    });
    await clickCardButton(page, /save step/i);
    await expectText(sidebar(page).locator('.decorated, .text-paragraph'), step.subject);
  }
}

const FIRST_STEP = {
  subject: 'A backend role at Acme, {{First name}}?',
  text: 'Hi {{First name}},\n\nWould you like to hear about a backend role at Acme?\n\nRita',
};
const FOLLOW_UP = {
  subject: '',
  text: 'Hi {{First name}}, just checking you saw my note. Rita',
  delayDays: 2,
};

/** Messages in the candidate's thread with the recruiter, as the candidate sees it. */
async function threadLength(page: Page, from: RegExp): Promise<number> {
  const row = page.locator('.thread', { hasText: from }).first();
  const count = await row
    .locator('.subject .muted')
    .textContent()
    .catch(() => null);
  return count ? Number(/\d+/.exec(count)![0]) : 1;
}

/** Baton's headline stories; they need the campaign and delegation cards. */
export const stories: Story[] = [
  {
    name: 'campaign',
    steps: [
      {
        name: 'the recruiter turns sending on from the Gmail home card',
        async run(page, ctx) {
          await turnSendingOnThenOpenSheets(page, ctx);
        },
      },
      {
        name: 'the recruiter creates a two-step campaign from the Candidates tab',
        async run(page, ctx) {
          await createCampaign(page, [FIRST_STEP, FOLLOW_UP]);
          await ctx.shot('sheets-campaign-editor');
        },
      },
      {
        name: 'the recruiter launches the campaign',
        async run(page, ctx) {
          await clickCardButton(page, /^launch$/i);
          await expectText(sidebar(page), /running/i);
          await ctx.shot('sheets-campaign-launched');
        },
      },
      {
        name: "a day of ticks later the first step is in the candidate's inbox",
        async run(page, ctx) {
          await advance(page, 'day');
          await switchUser(page, MANUAL_CANDIDATE.email);
          await page.click('#apps [data-app="gmail"]');
          await expectText(
            page.locator('.thread'),
            `A backend role at Acme, ${MANUAL_CANDIDATE.firstName}?`,
          );
          await ctx.shot('gmail-candidate-inbox');
        },
      },
      {
        name: 'the candidate replies from their own mailbox',
        async run(page, ctx) {
          await openThreadWith(page, /A backend role at Acme/);
          await page.getByRole('button', { name: 'Reply' }).click();
          await page.fill('.composer [name=body]', 'Yes, I am interested — let us talk.');
          await page.locator('.composer').getByRole('button', { name: 'Send' }).click();
          await page.locator('.toast', { hasText: 'Message sent.' }).waitFor();
          await ctx.shot('gmail-candidate-reply');
        },
      },
      {
        name: 'a day later the reply is in the Replies tab and the row says replied',
        async run(page, ctx) {
          await advance(page, 'day');
          await switchUser(page, RECRUITER);
          await page.click('#apps [data-app="sheets"]');
          await page.locator('.tabs [data-tab="Replies"]').click();
          await expectText(page.locator('.grid tbody tr'), MANUAL_CANDIDATE.email);
          await ctx.shot('sheets-replies');
          await page.locator(`.tabs [data-tab="${CANDIDATES_TAB}"]`).click();
          await expectText(
            page.locator('.grid tbody tr', { hasText: MANUAL_CANDIDATE.email }),
            /replied|stopped/i,
          );
        },
      },
      {
        name: 'two days later a silent candidate has the follow-up and the one who replied does not',
        async run(page, ctx) {
          await advance(page, 'day');
          await advance(page, 'day');
          const silent = candidateWho('silent');
          await switchUser(page, silent.email);
          await page.click('#apps [data-app="gmail"]');
          await page
            .locator('.thread', { hasText: /A backend role/ })
            .first()
            .waitFor();
          const silentCount = await threadLength(page, /A backend role/);
          if (silentCount !== 2)
            throw new Error(`The silent candidate's thread has ${silentCount} message(s), not 2.`);
          await switchUser(page, MANUAL_CANDIDATE.email);
          const repliedCount = await threadLength(page, /A backend role/);
          if (repliedCount !== 2)
            throw new Error(
              `The candidate who replied has ${repliedCount} message(s) in the thread, not 2 (step 1 and her reply).`,
            );
          await ctx.shot('gmail-candidate-no-follow-up');
        },
      },
    ],
  },
  {
    name: 'delegation',
    steps: [
      {
        name: 'the recruiter creates a campaign and invites the hiring manager',
        async run(page, ctx) {
          await turnSendingOnThenOpenSheets(page, ctx);
          await createCampaign(page, [FIRST_STEP]);
          await clickCardButton(page, /send as a colleague/i);
          await fillCard(page, { inviteName: 'Hugo', inviteEmail: HIRING_MANAGER });
          await clickCardButton(page, /send invitation/i);
          await ctx.shot('sheets-invitation-sent');
        },
      },
      {
        name: 'within the hour the hiring manager opens the invitation in Gmail and authorizes',
        async run(page, ctx) {
          // The invitation goes out from the recruiter's mailbox in a trigger, not in the click.
          await advance(page, 'hour');
          await switchUser(page, HIRING_MANAGER);
          await page.click('#apps [data-app="gmail"]');
          await openThreadWith(page, /from your mailbox/i);
          await expectText(sidebarCard(page).locator('.card-title'), /send from your mailbox/i);
          await ctx.shot('gmail-manager-invitation');
          await clickCardButton(page, /^authori[sz]e$/i);
          await expectText(sidebarCard(page).locator('.card-title'), /connected/i);
          await ctx.shot('gmail-manager-authorized');
        },
      },
      {
        name: 'the recruiter sees the hiring manager as the sender and launches',
        async run(page, ctx) {
          await switchUser(page, RECRUITER);
          await page.click('#apps [data-app="sheets"]');
          await clickCardButton(page, /open/i);
          // Changing the sender would change what Hugo approved: the invitation already named him.
          const sender = sidebar(page).locator('[name="senderEmail"]');
          await reveal(page, sender);
          const value = await sender.inputValue();
          if (value.toLowerCase() !== HIRING_MANAGER)
            throw new Error(`The campaign sends from "${value}", not from ${HIRING_MANAGER}.`);
          await clickCardButton(page, /^launch$/i);
          await expectText(sidebar(page), /running/i);
          await ctx.shot('sheets-launched-as-manager');
        },
      },
      {
        name: "a day later the candidate has mail from the hiring manager's mailbox",
        async run(page) {
          await advance(page, 'day');
          await switchUser(page, MANUAL_CANDIDATE.email);
          await page.click('#apps [data-app="gmail"]');
          await expectText(page.locator('.thread', { hasText: /A backend role/ }), /Hugo/);
          await openThreadWith(page, /A backend role/);
          await expectText(page.locator('.message-head'), HIRING_MANAGER);
        },
      },
    ],
  },
];
