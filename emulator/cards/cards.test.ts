// The emulated CardService: builders give card.proto JSON, responses give render-actions JSON,
// Apps Script's build-time refusals are raised, and methods it lacks are refused loudly.
import { addOnResultKind, standaloneCardService, toAddOnJson } from './index';
import { fake } from './fake';
import { checkAddOnResultJson } from '../fidelity/cards';

const CS = standaloneCardService();
const action = (name: string, params: Record<string, string> = {}) =>
  CS.newAction().setFunctionName(name).setParameters(params);
const section = (header: string) =>
  CS.newCardSection().setHeader(header).addWidget(CS.newTextParagraph().setText(header));

function richCard() {
  return CS.newCardBuilder()
    .setName('detail')
    .setHeader(CS.newCardHeader().setTitle('Baton').setSubtitle('Home'))
    .addSection(
      CS.newCardSection()
        .setHeader('Campaign')
        .setCollapsible(true)
        .setNumUncollapsibleWidgets(1)
        .addWidget(
          CS.newDecoratedText()
            .setTopLabel('Sent')
            .setText('12 of 40')
            .setBottomLabel('[###-------]')
            .setWrapText(true)
            .setStartIcon(CS.newIconImage().setIcon(CS.Icon.EMAIL))
            .setButton(CS.newTextButton().setText('Open').setOnClickAction(action('open'))),
        )
        .addWidget(
          CS.newButtonSet()
            .addButton(
              CS.newTextButton()
                .setText('Pause')
                .setTextButtonStyle(CS.TextButtonStyle.FILLED)
                .setBackgroundColor('#ff0000')
                .setOnClickAction(action('onCardAction', { action: 'pause', id: 'c1' })),
            )
            .addButton(
              CS.newTextButton()
                .setText('Docs')
                .setOpenLink(
                  CS.newOpenLink().setUrl('https://example.com').setOpenAs(CS.OpenAs.OVERLAY),
                ),
            ),
        )
        .addWidget(CS.newDivider())
        .addWidget(CS.newTextInput().setFieldName('subject').setTitle('Subject').setMultiline(true))
        .addWidget(
          CS.newSelectionInput()
            .setFieldName('days')
            .setTitle('Days')
            .setType(CS.SelectionInputType.CHECK_BOX)
            .addItem('Monday', 'mon', true),
        )
        .addWidget(
          CS.newDateTimePicker().setFieldName('start').setValueInMsSinceEpoch(1_700_000_000_000),
        )
        .addWidget(CS.newTimePicker().setFieldName('at').setHours(9).setMinutes(30))
        .addWidget(CS.newGrid().addItem(CS.newGridItem().setTitle('A').setIdentifier('a'))),
    )
    .setFixedFooter(
      CS.newFixedFooter().setPrimaryButton(
        CS.newTextButton().setText('Save').setOnClickAction(action('save')),
      ),
    )
    .build();
}

describe('the emulated CardService', () => {
  it('builds a card whose JSON fits card.proto', () => {
    const json = toAddOnJson(richCard());
    expect(checkAddOnResultJson(json)).toEqual([]);
    expect(json).toMatchObject({
      name: 'detail',
      header: { title: 'Baton', subtitle: 'Home' },
      fixedFooter: { primaryButton: { text: 'Save', onClick: { action: { function: 'save' } } } },
    });
  });

  it('puts each widget in its own field, a lone button in a button list', () => {
    const card = CS.newCardBuilder()
      .addSection(
        CS.newCardSection()
          .addWidget(CS.newTextButton().setText('Go').setOnClickAction(action('go')))
          .addWidget(CS.newDecoratedText().setText('x').setTopLabel('label')),
      )
      .build();
    expect(toAddOnJson(card)).toEqual({
      sections: [
        {
          widgets: [
            { buttonList: { buttons: [{ text: 'Go', onClick: { action: { function: 'go' } } }] } },
            { decoratedText: { text: 'x', topLabel: 'label' } },
          ],
        },
      ],
    });
  });

  it('turns action parameters into a key/value list and keeps the load indicator', () => {
    const a = action('onCardAction', { action: 'stop', row: '4' }).setLoadIndicator(
      CS.LoadIndicator.NONE,
    );
    const card = CS.newCardBuilder()
      .addSection(
        CS.newCardSection().addWidget(CS.newTextButton().setText('Stop').setOnClickAction(a)),
      )
      .build();
    const json = JSON.parse(card.printJson());
    expect(json.sections[0].widgets[0].buttonList.buttons[0].onClick.action).toEqual({
      function: 'onCardAction',
      parameters: [
        { key: 'action', value: 'stop' },
        { key: 'row', value: '4' },
      ],
      loadIndicator: 'NONE',
    });
  });

  it('gives action responses the render-actions shape', () => {
    const response = CS.newActionResponseBuilder()
      .setNavigation(CS.newNavigation().pushCard(richCard()).popToRoot())
      .setNotification(CS.newNotification().setText('Saved'))
      .setOpenLink(CS.newOpenLink().setUrl('https://example.com'))
      .build();
    const json = toAddOnJson(response);
    expect(addOnResultKind(response)).toBe('actionResponse');
    expect(checkAddOnResultJson(json)).toEqual([]);
    expect(json).toMatchObject({
      renderActions: {
        action: {
          navigations: [{ pushCard: { name: 'detail' } }, { popToRoot: true }],
          notification: { text: 'Saved' },
          link: { url: 'https://example.com' },
        },
      },
    });
  });

  it('gives universal action responses one pushCard per card', () => {
    const cards = [
      CS.newCardBuilder().addSection(section('one')).build(),
      CS.newCardBuilder().addSection(section('two')).build(),
    ];
    const response = CS.newUniversalActionResponseBuilder().displayAddOnCards(cards).build();
    const json = toAddOnJson(response) as { renderActions: { action: { navigations: unknown[] } } };
    expect(addOnResultKind(response)).toBe('universalActionResponse');
    expect(json.renderActions.action.navigations).toHaveLength(2);
    expect(checkAddOnResultJson(json)).toEqual([]);
  });

  it('gives update-draft responses the Gmail host-app action shape', () => {
    const response = CS.newUpdateDraftActionResponseBuilder()
      .setUpdateDraftBodyAction(
        CS.newUpdateDraftBodyAction()
          .addUpdateContent(
            '<a href="https://www.google.com">Google</a>',
            CS.ContentType.MUTABLE_HTML,
          )
          .addUpdateContent('Above is a google link.', CS.ContentType.TEXT)
          .setUpdateType(CS.UpdateDraftBodyType.IN_PLACE_INSERT),
      )
      .setUpdateDraftSubjectAction(CS.newUpdateDraftSubjectAction().addUpdateSubject('Hello'))
      .setUpdateDraftToRecipientsAction(
        CS.newUpdateDraftToRecipientsAction().addUpdateToRecipients(['a@x.com', 'b@x.com']),
      )
      .setUpdateDraftCcRecipientsAction(
        CS.newUpdateDraftCcRecipientsAction().addUpdateCcRecipients(['c@x.com']),
      )
      .setUpdateDraftBccRecipientsAction(
        CS.newUpdateDraftBccRecipientsAction().addUpdateBccRecipients(['d@x.com']),
      )
      .build();
    expect(addOnResultKind(response)).toBe('updateDraftActionResponse');
    const json = toAddOnJson(response);
    expect(json).toEqual({
      renderActions: {
        hostAppAction: {
          gmailAction: {
            updateDraftActionMarkup: {
              updateBody: {
                insertContents: [
                  {
                    content: '<a href="https://www.google.com">Google</a>',
                    contentType: 'MUTABLE_HTML',
                  },
                  { content: 'Above is a google link.', contentType: 'TEXT' },
                ],
                type: 'IN_PLACE_INSERT',
              },
              updateSubject: { subject: 'Hello' },
              updateToRecipients: { toRecipients: [{ email: 'a@x.com' }, { email: 'b@x.com' }] },
              updateCcRecipients: { ccRecipients: [{ email: 'c@x.com' }] },
              updateBccRecipients: { bccRecipients: [{ email: 'd@x.com' }] },
            },
          },
        },
      },
    });
    expect(checkAddOnResultJson(json)).toEqual([]);
    expect(JSON.parse(response.printJson())).toEqual(json);
    expect(() => CS.newUpdateDraftActionResponseBuilder().build()).toThrow(/needs an update/);
    expect(() => CS.newUpdateDraftBodyAction().addUpdateContent('x', 'HTML' as never)).toThrow(
      /don't match the method signature/,
    );
    expect(
      checkAddOnResultJson({ renderActions: { hostAppAction: { gmailAction: {} } } }),
    ).not.toEqual([]);
  });

  it('returns a list of cards from a contextual trigger as a list of card JSON', () => {
    const cards = [CS.newCardBuilder().addSection(section('a')).build()];
    expect(addOnResultKind(cards)).toBe('cards');
    expect(toAddOnJson(cards)).toEqual([toAddOnJson(cards[0])]);
  });

  it('fixes a card at build(): later builder calls do not change it', () => {
    const builder = CS.newCardBuilder().addSection(section('first'));
    const card = builder.build();
    builder.addSection(section('second'));
    expect((toAddOnJson(card) as { sections: unknown[] }).sections).toHaveLength(1);
  });

  describe('refuses, at build(), what Apps Script refuses', () => {
    it.each([
      ['a card with no sections', () => CS.newCardBuilder().build(), /no sections/],
      [
        'a section with no widgets',
        () => CS.newCardBuilder().addSection(CS.newCardSection().setHeader('Empty')).build(),
        /section "Empty" has no widgets/,
      ],
      [
        'a button with neither action nor link',
        () =>
          CS.newCardBuilder()
            .addSection(CS.newCardSection().addWidget(CS.newTextButton().setText('Dead')))
            .build(),
        /"Dead" needs an action or a link/,
      ],
      [
        'an action with no function name',
        () =>
          CS.newCardBuilder()
            .addSection(
              CS.newCardSection().addWidget(
                CS.newTextButton().setText('X').setOnClickAction(CS.newAction()),
              ),
            )
            .build(),
        /needs a function name/,
      ],
      [
        'a text input with no field name',
        () =>
          CS.newCardBuilder()
            .addSection(CS.newCardSection().addWidget(CS.newTextInput().setTitle('Subject')))
            .build(),
        /TextInput needs a field name/,
      ],
      [
        'a universal response with neither cards nor link',
        () => CS.newUniversalActionResponseBuilder().build(),
        /needs cards or a link/,
      ],
    ])('%s', (_name, build, message) => {
      expect(build).toThrow(message);
    });

    it('refuses a parameter that is not a string, naming it', () => {
      expect(() => CS.newAction().setParameters({ row: 4 as unknown as string })).toThrow(
        /"row" is number/,
      );
    });

    it("refuses an argument of the wrong class with Apps Script's signature message", () => {
      expect(() => CS.newCardSection().addWidget(CS.newAction())).toThrow(
        "The parameters (Action) don't match the method signature for CardService.CardSection.addWidget.",
      );
    });
  });

  it('refuses a method the emulator does not implement, naming it', () => {
    const builder = CS.newCardBuilder() as unknown as Record<string, () => unknown>;
    expect(() => builder.setSectionDividerStyle()).toThrow(
      'Not implemented in the emulator: CardBuilder.setSectionDividerStyle',
    );
    expect(() => (CS as unknown as Record<string, () => unknown>).newKeyValue()).toThrow(
      'Not implemented in the emulator: CardService.newKeyValue',
    );
  });

  it('checks every card it hands out against card.proto', () => {
    const ctx = {
      error: (m: string) => new Error(m),
      invoke: <T>(_s: string, _m: string, body: () => T) => body(),
    };
    const broken = fake<GoogleAppsScript.Card_Service.Card>(ctx, 'Card', {}, () => ({
      sections: [],
      footer: 'x',
    }));
    expect(() => toAddOnJson(broken)).toThrow(
      'The emulator built JSON that card.proto refuses:\ncard.footer: unknown field of .google.apps.card.v1.Card\ncard.sections: a card needs at least one section',
    );
  });

  it('exposes enums whose values print as their names', () => {
    expect(String(CS.TextButtonStyle.FILLED)).toBe('FILLED');
    expect(String(CS.SelectionInputType.DROPDOWN)).toBe('DROPDOWN');
  });
});
