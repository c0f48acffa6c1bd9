// The card kit every Baton card is built with: buttons that all call the one `onCardAction`
// global, readers of the card event that name the field at fault, notifications and navigation,
// and the one place where an error becomes something a person can read.
import type { ErrorView, NoticeView } from '../app/views';
import { BatonError, isBatonError } from '../core/errors';
import { parseClock } from '../core/schedule';
import type { Ports } from '../ports';

type Card = GoogleAppsScript.Card_Service.Card;
type ActionResponse = GoogleAppsScript.Card_Service.ActionResponse;
type Widget = GoogleAppsScript.Card_Service.Widget;

/** The one global every card button calls (src/entry.ts); the action name travels as a parameter. */
export const CARD_ACTION_FUNCTION = 'onCardAction';
/** The parameter that names the action. */
export const ACTION_PARAMETER = 'action';
/** The action that (re)opens the home card: every error card offers it. */
export const HOME_ACTION = 'home.open';

// ─── The card event ─────────────────────────────────────────────────────────────────────────────

/** The parts of an add-on event object Baton reads (Google's event object reference). */
export interface CardEvent {
  commonEventObject?: {
    hostApp?: string;
    userLocale?: string;
    timeZone?: { id?: string; offset?: number };
    parameters?: Record<string, string>;
    formInputs?: Record<string, { stringInputs?: { value?: string[] } }>;
  };
  /** Older top-level copy of the action parameters. */
  parameters?: Record<string, string>;
  gmail?: { messageId?: string; threadId?: string; accessToken?: string };
  sheets?: { id?: string; title?: string };
}

/** A card action: reads the event, calls a use case, answers with a response (within 30 s). */
export type ActionHandler = (event: CardEvent, ports: Ports) => ActionResponse;
/** The actions a feature module offers, by name; src/ui/dispatcher.ts merges them. */
export type ActionMap = Record<string, ActionHandler>;

/** Reads an event whatever the host sent (an object, or nothing at all). */
export function asEvent(event: unknown): CardEvent {
  return typeof event === 'object' && event !== null ? (event as CardEvent) : {};
}

/** The action parameters: the commonEventObject copy first, the older top-level copy else. */
function parameters(event: CardEvent): Record<string, string> {
  return event.commonEventObject?.parameters ?? event.parameters ?? {};
}

/** The name of the action a button asked for ('' when the event has none). */
export function actionNameOf(event: CardEvent): string {
  return parameters(event)[ACTION_PARAMETER] ?? '';
}

/** A parameter the button must carry; its absence is a bug in the card, said plainly. */
export function requiredParameter(event: CardEvent, name: string): string {
  const value = parameters(event)[name];
  if (value === undefined || value === '')
    throw new BatonError(
      'MISSING_PARAMETER',
      `This button lacks its "${name}". Go back to the home card and try again.`,
    );
  return value;
}

/** The user's time zone as the host reports it (Etc/UTC when it does not). */
export function userTimeZone(event: CardEvent): string {
  return event.commonEventObject?.timeZone?.id || 'Etc/UTC';
}

/** Every value a form field sent (several for check boxes and multi-selects). */
export function formValues(event: CardEvent, field: string): string[] {
  return event.commonEventObject?.formInputs?.[field]?.stringInputs?.value ?? [];
}

/** The field's value trimmed, or undefined when it was left empty. */
export function optionalFormValue(event: CardEvent, field: string): string | undefined {
  const value = formValues(event, field)[0]?.trim();
  return value ? value : undefined;
}

/** A field that must be filled in; `label` is what the card calls it. */
export function requiredFormValue(event: CardEvent, field: string, label: string): string {
  const value = optionalFormValue(event, field);
  if (value === undefined)
    throw new BatonError('MISSING_FIELD', `Fill in "${label}", then try again.`, field);
  return value;
}

/** A whole number within [min, max] from a form field. */
export function integerFormValue(
  event: CardEvent,
  field: string,
  label: string,
  range: { min: number; max: number },
): number {
  const text = requiredFormValue(event, field, label);
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < range.min || value > range.max)
    throw new BatonError(
      'BAD_NUMBER',
      `"${label}" must be a whole number from ${range.min} to ${range.max}; "${text}" is not.`,
      field,
    );
  return value;
}

/** A time of day such as 9:00 or 17:30 from a form field, in minutes after midnight. */
export function clockFormValue(event: CardEvent, field: string, label: string): number {
  const text = requiredFormValue(event, field, label);
  const minutes = parseClock(text);
  if (minutes === undefined)
    throw new BatonError(
      'BAD_TIME',
      `"${label}" must be a time such as 9:00; "${text}" is not.`,
      field,
    );
  return minutes;
}

/** A calendar date such as 2026-12-31 from a form field. */
export interface FormDate {
  year: number;
  month: number;
  day: number;
}

function formDate(text: string, field: string, label: string): FormDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = match ? match.slice(1).map(Number) : [0, 0, 0];
  // Round-tripped through Date so that 2026-02-30 or 2026-13-01 is refused, not rolled over.
  if (!match || new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) !== text)
    throw new BatonError(
      'BAD_DATE',
      `"${label}" must be a date such as 2026-12-31; "${text}" is not.`,
      field,
    );
  return { year, month, day };
}

/** A date the form must carry, typed as YYYY-MM-DD. */
export function dateFormValue(event: CardEvent, field: string, label: string): FormDate {
  return formDate(requiredFormValue(event, field, label), field, label);
}

/** A date typed as YYYY-MM-DD, or undefined when the field was left empty. */
export function optionalDateFormValue(
  event: CardEvent,
  field: string,
  label: string,
): FormDate | undefined {
  const text = optionalFormValue(event, field);
  return text === undefined ? undefined : formDate(text, field, label);
}

// ─── Text ───────────────────────────────────────────────────────────────────────────────────────

const CARD_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Card text fields read a little HTML: text from users and sheets is escaped before it goes in.
 * Quotes stay as they are: they cannot open a tag in text, and not every host decodes &quot;.
 */
export function esc(text: string): string {
  return text.replace(/[&<>]/g, (c) => CARD_ESCAPES[c]);
}

const TONE_COLORS: Record<NoticeView['tone'], string | undefined> = {
  info: undefined,
  warning: '#b06000',
  error: '#d93025',
};

/** A notice as card text: coloured by tone (the text is escaped). */
export function noticeText(notice: NoticeView): string {
  const color = TONE_COLORS[notice.tone];
  return color ? `<font color="${color}">${esc(notice.text)}</font>` : esc(notice.text);
}

/** A text progress bar: `███░░░░░░░ 30%`; an empty campaign shows an empty bar at 0%. */
export function progressBar(done: number, total: number, width = 10): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(ratio * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(ratio * 100)}%`;
}

// ─── Widgets and cards ──────────────────────────────────────────────────────────────────────────

/** Action parameters: strings only (Apps Script's rule); undefined ones are left out. */
export type ActionParams = Record<string, string | undefined>;

/** An action that calls `onCardAction` with `{action: name, ...params}`. */
export function cardAction(
  name: string,
  params: ActionParams = {},
): GoogleAppsScript.Card_Service.Action {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) strings[key] = value;
  return CardService.newAction()
    .setFunctionName(CARD_ACTION_FUNCTION)
    .setParameters({ ...strings, [ACTION_PARAMETER]: name });
}

export type ButtonStyle = 'filled' | 'outlined' | 'borderless';

/** A button that runs the named card action; `filled` marks the one main thing to do. */
export function actionButton(
  label: string,
  actionName: string,
  params: ActionParams = {},
  style: ButtonStyle = 'outlined',
): GoogleAppsScript.Card_Service.TextButton {
  return styled(CardService.newTextButton().setText(label), style).setOnClickAction(
    cardAction(actionName, params),
  );
}

/** A button that opens a page (the URL's prefix must be in the manifest's openLinkUrlPrefixes). */
export function linkButton(label: string, url: string): GoogleAppsScript.Card_Service.TextButton {
  return styled(CardService.newTextButton().setText(label), 'borderless').setOpenLink(
    CardService.newOpenLink().setUrl(url),
  );
}

function styled(button: GoogleAppsScript.Card_Service.TextButton, style: ButtonStyle) {
  const styles = {
    filled: CardService.TextButtonStyle.FILLED,
    outlined: CardService.TextButtonStyle.OUTLINED,
    borderless: CardService.TextButtonStyle.BORDERLESS,
  };
  return button.setTextButtonStyle(styles[style]);
}

/** Buttons side by side. */
export function buttonRow(
  ...buttons: GoogleAppsScript.Card_Service.TextButton[]
): GoogleAppsScript.Card_Service.ButtonSet {
  return buttons.reduce((set, b) => set.addButton(b), CardService.newButtonSet());
}

/** A paragraph of text that is already safe card HTML (use `esc` on anything from users). */
export function paragraph(html: string): GoogleAppsScript.Card_Service.TextParagraph {
  return CardService.newTextParagraph().setText(html);
}

/** A labelled value: label above, value, optional line below; values are escaped here. */
export function labelled(
  label: string,
  value: string,
  below?: string,
): GoogleAppsScript.Card_Service.DecoratedText {
  const text = CardService.newDecoratedText()
    .setTopLabel(label)
    .setText(esc(value) || '—')
    .setWrapText(true);
  return below ? text.setBottomLabel(below) : text;
}

/** A text field holding `value` (when given), with an optional hint below it. */
export function textInput(
  field: string,
  title: string,
  value?: string,
  options: { hint?: string; multiline?: boolean } = {},
): GoogleAppsScript.Card_Service.TextInput {
  let widget = CardService.newTextInput().setFieldName(field).setTitle(title);
  if (value !== undefined) widget = widget.setValue(value);
  if (options.multiline) widget = widget.setMultiline(true);
  return options.hint ? widget.setHint(options.hint) : widget;
}

/** A section of widgets, with an optional header (escaped). */
export function section(
  header: string | undefined,
  widgets: Widget[],
  collapse?: { visible: number },
): GoogleAppsScript.Card_Service.CardSection {
  let s = CardService.newCardSection();
  if (header) s = s.setHeader(esc(header));
  for (const w of widgets) s = s.addWidget(w);
  if (collapse && widgets.length > collapse.visible)
    s = s.setCollapsible(true).setNumUncollapsibleWidgets(collapse.visible);
  return s;
}

/** A section of notices, or nothing when there are none. */
export function noticeSection(notices: NoticeView[]): GoogleAppsScript.Card_Service.CardSection[] {
  return notices.length
    ? [
        section(
          undefined,
          notices.map((n) => paragraph(noticeText(n))),
        ),
      ]
    : [];
}

export interface CardFrame {
  /** Names the card for navigation (popToNamedCard) and tests. */
  name: string;
  title: string;
  subtitle?: string;
}

/** A card: header, sections, and optionally a fixed footer with the main action. */
export function card(
  frame: CardFrame,
  sections: GoogleAppsScript.Card_Service.CardSection[],
  footer?: GoogleAppsScript.Card_Service.TextButton,
): Card {
  // Header text is plain text (not HTML), so it is not escaped.
  let header = CardService.newCardHeader().setTitle(frame.title);
  if (frame.subtitle) header = header.setSubtitle(frame.subtitle);
  let builder = CardService.newCardBuilder().setName(frame.name).setHeader(header);
  for (const s of sections) builder = builder.addSection(s);
  if (footer)
    builder = builder.setFixedFooter(CardService.newFixedFooter().setPrimaryButton(footer));
  return builder.build();
}

// ─── Responses ──────────────────────────────────────────────────────────────────────────────────

/** A short message at the bottom of the add-on; the card stays as it is. */
export function notify(text: string): ActionResponse {
  return CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText(text))
    .build();
}

/** Opens a card on top of the current one (Back returns), with an optional notification. */
export function pushCard(next: Card, text?: string): ActionResponse {
  return respond(CardService.newNavigation().pushCard(next), text);
}

/** Replaces the current card in place (a refresh after a change), with an optional notification. */
export function updateCard(next: Card, text?: string): ActionResponse {
  return respond(CardService.newNavigation().updateCard(next), text);
}

/** Goes back to the first card and replaces it (e.g. home after a change), with a notification. */
export function backToRoot(root: Card, text?: string): ActionResponse {
  return respond(CardService.newNavigation().popToRoot().updateCard(root), text);
}

function respond(navigation: GoogleAppsScript.Card_Service.Navigation, text?: string) {
  let builder = CardService.newActionResponseBuilder().setNavigation(navigation);
  if (text) builder = builder.setNotification(CardService.newNotification().setText(text));
  return builder.build();
}

// ─── Errors: the one place an error becomes words ───────────────────────────────────────────────

/** Apps Script's own messages that people can act on, in plain words. */
const PLATFORM_ERRORS: { pattern: RegExp; view: Omit<ErrorView, 'code'> & { code: string } }[] = [
  {
    pattern: /Service invoked too many times for one day: email/i,
    view: {
      code: 'QUOTA_EMAIL',
      title: 'Daily email limit reached',
      message:
        'Google lets your mailbox send to a limited number of recipients a day, and today’s are used up. Baton carries on tomorrow by itself; nothing is lost.',
    },
  },
  {
    pattern: /Service invoked too many times|too much computer time/i,
    view: {
      code: 'QUOTA',
      title: 'Google’s daily limit reached',
      message:
        'Your account used up one of Google’s daily Apps Script limits. Try again tomorrow; your campaigns resume by themselves.',
    },
  },
  {
    pattern: /Exceeded maximum execution time/i,
    view: {
      code: 'TIMEOUT',
      title: 'That took too long',
      message:
        'Google stopped Baton after 30 seconds. Try again; if it keeps happening, open Help.',
    },
  },
  {
    pattern: /authoriz|permission|access denied/i,
    view: {
      code: 'AUTH',
      title: 'Baton needs your permission',
      message:
        'Baton is not (or no longer) allowed to do this. Reopen Baton from the side panel and approve the permissions it asks for.',
    },
  },
];

/** Whatever was thrown, as a view: Baton's errors keep their words; anything else gets safe ones. */
export function errorView(error: unknown): ErrorView {
  if (isBatonError(error))
    return {
      title: 'Something needs your attention',
      message: error.message,
      code: error.code,
      field: error.field,
    };
  const raw = error instanceof Error ? error.message : String(error);
  const known = PLATFORM_ERRORS.find((p) => p.pattern.test(raw));
  if (known) return { ...known.view };
  return {
    title: 'Something went wrong',
    message:
      'Baton could not finish this. Nothing was lost: try again in a moment, and if it happens again open Help.',
    code: 'UNEXPECTED',
  };
}

/** An error as a card: what happened, what to do, and a way home. */
export function errorCard(view: ErrorView): Card {
  const widgets: Widget[] = [paragraph(esc(view.message))];
  if (view.code) widgets.push(paragraph(`<font color="#5f6368">Code: ${esc(view.code)}</font>`));
  widgets.push(buttonRow(actionButton('Back to Baton home', HOME_ACTION, {}, 'filled')));
  return card({ name: 'error', title: view.title }, [section(undefined, widgets)]);
}

/** The view of an error about to be shown; an unexpected one goes to the execution log first. */
function shownErrorView(error: unknown): ErrorView {
  const view = errorView(error);
  // The details go to the execution log (Stackdriver), never to the card.
  if (view.code === 'UNEXPECTED') console.error(error);
  return view;
}

/** Whatever was thrown, as an error card (for homepages and other cards built on open). */
export function errorCardFor(error: unknown): Card {
  return errorCard(shownErrorView(error));
}

/** Baton's errors after which the open card can do nothing more: the error card leads home. */
const OPEN_CARD_STALE = new Set(['UNKNOWN_ACTION', 'NO_CAMPAIGN']);

/**
 * An error as a card action's answer. Baton's own errors say what happened and what to do: they
 * are a notification over the card that was open, which stays (its form, its buttons) — unless
 * that card is stale. Anything else gets the error card.
 */
export function errorResponse(error: unknown): ActionResponse {
  const view = shownErrorView(error);
  if (isBatonError(error) && !OPEN_CARD_STALE.has(error.code)) return notify(view.message);
  return pushCard(errorCard(view));
}
