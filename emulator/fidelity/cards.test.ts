// The card checks: they pass a valid card and response, and fail, naming the place, on bad ones.
import { checkAddOnResultJson, checkCardJson, checkRenderActionsJson } from './cards';

const goodCard = () => ({
  header: { title: 'Baton' },
  sections: [
    {
      widgets: [
        { textParagraph: { text: 'Hello' } },
        {
          buttonList: {
            buttons: [{ text: 'Go', onClick: { action: { function: 'onCardAction' } } }],
          },
        },
      ],
    },
  ],
});

describe('checkCardJson', () => {
  it('passes a valid card', () => {
    expect(checkCardJson(goodCard())).toEqual([]);
  });

  it('fails on a field card.proto does not have', () => {
    const card = { ...goodCard(), footer: {} };
    expect(checkCardJson(card)).toEqual([
      'card.footer: unknown field of .google.apps.card.v1.Card',
    ]);
  });

  it('fails on a value of the wrong type deep in a widget', () => {
    const card = goodCard();
    (card.sections[0].widgets[0] as Record<string, unknown>).textParagraph = { text: 42 };
    expect(checkCardJson(card)).toEqual([
      'card.sections[0].widgets[0].textParagraph.text: expected string, got number',
    ]);
  });

  it('fails on two elements in one widget, and on an empty section', () => {
    const card = goodCard();
    card.sections[0].widgets[0] = { ...card.sections[0].widgets[0], divider: {} } as never;
    card.sections.push({ widgets: [] });
    expect(checkCardJson(card)).toEqual([
      'card.sections[0].widgets[0]: textParagraph and divider are both set, but they are one of data',
      'card.sections[0].widgets[0]: a widget holds exactly one element, found 2',
      'card.sections[1].widgets: a section needs at least one widget',
    ]);
  });

  it('fails on an enum value card.proto does not list', () => {
    const card = { ...goodCard(), displayStyle: 'FLOATING' };
    expect(checkCardJson(card)).toEqual([
      'card.displayStyle: "FLOATING" is not a value of .google.apps.card.v1.Card.DisplayStyle',
    ]);
  });
});

describe('checkRenderActionsJson', () => {
  it('passes navigation, notification and link', () => {
    const response = {
      renderActions: {
        action: {
          navigations: [{ pushCard: goodCard() }, { pop: true }, { popToCard: 'home' }],
          notification: { text: 'Done' },
          link: { url: 'https://example.com', openAs: 'OVERLAY' },
        },
      },
    };
    expect(checkRenderActionsJson(response)).toEqual([]);
  });

  it('fails on an empty action, a two-step navigation and a bad pushed card', () => {
    expect(checkRenderActionsJson({ renderActions: { action: {} } })).toEqual([
      'response.renderActions.action: needs navigations, a notification or a link',
    ]);
    const bad = {
      renderActions: {
        action: { navigations: [{ pushCard: { sections: [] }, pop: true }, { pushCard: {} }] },
      },
    };
    expect(checkRenderActionsJson(bad)).toEqual([
      'response.renderActions.action.navigations[0]: a navigation is exactly one of pushCard, updateCard, pop, popToRoot, popToCard',
      'response.renderActions.action.navigations[1].pushCard.sections: a card needs at least one section',
    ]);
  });

  it('fails on a notification without text and an unknown field', () => {
    expect(
      checkRenderActionsJson({ renderActions: { action: { notification: {}, toast: 'x' } } }),
    ).toEqual([
      'response: unknown field toast',
      'response.renderActions.action.notification: expected { text: "..." }',
    ]);
  });
});

describe('checkAddOnResultJson', () => {
  it('checks every card of a list', () => {
    expect(checkAddOnResultJson([goodCard(), {}])).toEqual([
      'cards[1].sections: a card needs at least one section',
    ]);
  });
});
