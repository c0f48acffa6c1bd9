// Checks what an add-on shows: card JSON against google.apps.card.v1.Card from card.proto, and
// action responses against the documented render-actions shape (navigations, notification, link,
// or a Gmail host-app action that updates the open draft).
import { checkJsonAgainst, loadProtos } from './proto-json';

const CARD_PROTO = 'google/apps/card/v1/card.proto';
const cardType = () => loadProtos([CARD_PROTO]).lookupType('google.apps.card.v1.Card');
const openLinkType = () => loadProtos([CARD_PROTO]).lookupType('google.apps.card.v1.OpenLink');

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Problems with a card's JSON, one message each; empty when it fits card.proto and the rules the
 * proto cannot say (a card has sections, a section has widgets, a widget is one thing).
 */
export function checkCardJson(card: unknown, where = 'card'): string[] {
  const problems = checkJsonAgainst(cardType(), card, where);
  if (!isObject(card)) return problems;
  const sections = card.sections;
  if (!Array.isArray(sections) || sections.length === 0)
    problems.push(`${where}.sections: a card needs at least one section`);
  else
    sections.forEach((section, i) => {
      const widgets = isObject(section) ? section.widgets : undefined;
      if (!Array.isArray(widgets) || widgets.length === 0)
        problems.push(`${where}.sections[${i}].widgets: a section needs at least one widget`);
      else
        widgets.forEach((widget, j) => {
          const kinds = isObject(widget)
            ? Object.keys(widget).filter((k) => k !== 'horizontalAlignment')
            : [];
          if (kinds.length !== 1)
            problems.push(
              `${where}.sections[${i}].widgets[${j}]: a widget holds exactly one element, found ${kinds.length}`,
            );
        });
    });
  if (isObject(card.fixedFooter) && !card.fixedFooter.primaryButton)
    problems.push(`${where}.fixedFooter: a fixed footer needs a primary button`);
  return problems;
}

/**
 * Problems with an action response's JSON: `{ renderActions: { action: { navigations, notification,
 * link } } }` with at least one of the three, each navigation one step, each card a valid card.
 */
export function checkRenderActionsJson(response: unknown, where = 'response'): string[] {
  const renderActions = isObject(response) ? response.renderActions : undefined;
  if (isObject(renderActions) && 'hostAppAction' in renderActions)
    return checkHostAppActionJson(response as Obj, where);
  const action = isObject(renderActions) ? renderActions.action : undefined;
  if (!isObject(action)) return [`${where}: expected { renderActions: { action: {...} } }`];
  const at = `${where}.renderActions.action`;
  const problems: string[] = [];
  const extra = Object.keys(response as Obj).filter((k) => k !== 'renderActions');
  extra.push(...Object.keys(renderActions as Obj).filter((k) => k !== 'action'));
  for (const key of Object.keys(action))
    if (!['navigations', 'notification', 'link'].includes(key)) extra.push(key);
  problems.push(...extra.map((key) => `${where}: unknown field ${key}`));
  if (!action.navigations && !action.notification && !action.link)
    problems.push(`${at}: needs navigations, a notification or a link`);
  if (action.navigations !== undefined) {
    if (!Array.isArray(action.navigations) || action.navigations.length === 0)
      problems.push(`${at}.navigations: expected a non-empty list`);
    else
      action.navigations.forEach((step, i) =>
        problems.push(...checkNavigation(step, `${at}.navigations[${i}]`)),
      );
  }
  if (action.notification !== undefined) {
    const n = action.notification;
    if (!isObject(n) || typeof n.text !== 'string' || !n.text || Object.keys(n).length !== 1)
      problems.push(`${at}.notification: expected { text: "..." }`);
  }
  if (action.link !== undefined) {
    problems.push(...checkJsonAgainst(openLinkType(), action.link, `${at}.link`));
    if (!isObject(action.link) || typeof action.link.url !== 'string' || !action.link.url)
      problems.push(`${at}.link.url: missing`);
  }
  return problems;
}

const CONTENT_TYPES = ['TEXT', 'MUTABLE_HTML', 'IMMUTABLE_HTML'];
const BODY_UPDATE_TYPES = ['IN_PLACE_INSERT', 'INSERT_AT_START', 'INSERT_AT_END'];
const RECIPIENT_UPDATES: Record<string, string> = {
  updateToRecipients: 'toRecipients',
  updateCcRecipients: 'ccRecipients',
  updateBccRecipients: 'bccRecipients',
};

/**
 * Problems with a Gmail compose response: `{ renderActions: { hostAppAction: { gmailAction: {
 * updateDraftActionMarkup: { updateBody, updateSubject, update(To|Cc|Bcc)Recipients } } } } }`,
 * the shape of Google's JSON schema for add-on responses (alternate runtimes).
 */
function checkHostAppActionJson(response: Obj, where: string): string[] {
  const problems: string[] = [];
  const unknown = (object: Obj, allowed: string[], at: string) =>
    Object.keys(object)
      .filter((key) => !allowed.includes(key))
      .forEach((key) => problems.push(`${at}: unknown field ${key}`));
  const renderActions = response.renderActions as Obj;
  unknown(response, ['renderActions'], where);
  unknown(renderActions, ['hostAppAction'], `${where}.renderActions`);
  const host = renderActions.hostAppAction;
  const gmail = isObject(host) ? host.gmailAction : undefined;
  const markup = isObject(gmail) ? gmail.updateDraftActionMarkup : undefined;
  const at = `${where}.renderActions.hostAppAction.gmailAction.updateDraftActionMarkup`;
  if (!isObject(markup)) return [...problems, `${at}: missing`];
  unknown(host as Obj, ['gmailAction'], `${where}.renderActions.hostAppAction`);
  unknown(
    gmail as Obj,
    ['updateDraftActionMarkup'],
    `${where}.renderActions.hostAppAction.gmailAction`,
  );
  unknown(markup, ['updateBody', 'updateSubject', ...Object.keys(RECIPIENT_UPDATES)], at);
  if (Object.keys(markup).length === 0) problems.push(`${at}: needs at least one update`);
  const body = markup.updateBody;
  if (body !== undefined) {
    const contents = isObject(body) ? body.insertContents : undefined;
    if (!Array.isArray(contents) || contents.length === 0)
      problems.push(`${at}.updateBody.insertContents: expected a non-empty list`);
    else
      contents.forEach((item, i) => {
        if (
          !isObject(item) ||
          typeof item.content !== 'string' ||
          !CONTENT_TYPES.includes(String(item.contentType))
        )
          problems.push(
            `${at}.updateBody.insertContents[${i}]: expected { content, contentType: ${CONTENT_TYPES.join(' | ')} }`,
          );
      });
    if (isObject(body) && body.type !== undefined && !BODY_UPDATE_TYPES.includes(String(body.type)))
      problems.push(`${at}.updateBody.type: expected ${BODY_UPDATE_TYPES.join(' | ')}`);
  }
  if (markup.updateSubject !== undefined) {
    const subject = markup.updateSubject;
    if (!isObject(subject) || typeof subject.subject !== 'string')
      problems.push(`${at}.updateSubject: expected { subject: "..." }`);
  }
  for (const [update, field] of Object.entries(RECIPIENT_UPDATES)) {
    if (markup[update] === undefined) continue;
    const list = isObject(markup[update]) ? (markup[update] as Obj)[field] : undefined;
    if (!Array.isArray(list) || !list.every((r) => isObject(r) && typeof r.email === 'string'))
      problems.push(`${at}.${update}: expected { ${field}: [{ email: "..." }] }`);
  }
  return problems;
}

function checkNavigation(step: unknown, at: string): string[] {
  const keys = isObject(step) ? Object.keys(step) : [];
  if (!isObject(step) || keys.length !== 1)
    return [
      `${at}: a navigation is exactly one of pushCard, updateCard, pop, popToRoot, popToCard`,
    ];
  const [key] = keys;
  const value = step[key];
  switch (key) {
    case 'pushCard':
    case 'updateCard':
      return checkCardJson(value, `${at}.${key}`);
    case 'pop':
    case 'popToRoot':
      return value === true ? [] : [`${at}.${key}: expected true`];
    case 'popToCard':
      return typeof value === 'string' && value ? [] : [`${at}.popToCard: expected a card name`];
    default:
      return [`${at}.${key}: not a navigation`];
  }
}

/**
 * Problems with anything an add-on function returned, as JSON: a card, a list of cards (from a
 * contextual trigger) or an action response.
 */
export function checkAddOnResultJson(json: unknown): string[] {
  if (Array.isArray(json)) {
    if (json.length === 0) return ['result: an empty list of cards'];
    return json.flatMap((card, i) => checkCardJson(card, `cards[${i}]`));
  }
  if (isObject(json) && 'renderActions' in json) return checkRenderActionsJson(json);
  return checkCardJson(json);
}
