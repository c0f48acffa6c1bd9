// A card with every widget Baton's cards may use, built with the emulator's CardService (so the
// JSON is what the emulator really prints), for the browser check of the workbench's renderer.
import { standaloneCardService, toAddOnJson } from '../../emulator/cards';

/** What the gallery's "Save" button sends: its action and the parameters it carries. */
export const GALLERY_ACTION = { function: 'onCardAction', parameters: { action: 'gallery.save' } };

export function galleryCard(): unknown {
  const cs = standaloneCardService();
  const action = cs
    .newAction()
    .setFunctionName(GALLERY_ACTION.function)
    .setParameters(GALLERY_ACTION.parameters);
  const inputs = cs
    .newCardSection()
    .setHeader('Inputs')
    .addWidget(
      cs
        .newTextInput()
        .setFieldName('subject')
        .setTitle('Subject')
        .setValue('Hello {{First name}}'),
    )
    .addWidget(
      cs
        .newTextInput()
        .setFieldName('body')
        .setTitle('Body')
        .setMultiline(true)
        .setHint('Plain text'),
    )
    .addWidget(
      cs
        .newSelectionInput()
        .setType(cs.SelectionInputType.DROPDOWN)
        .setFieldName('zone')
        .setTitle('Time zone')
        .addItem('UTC', 'Etc/UTC', true)
        .addItem('Paris', 'Europe/Paris', false),
    )
    .addWidget(
      cs
        .newSelectionInput()
        .setType(cs.SelectionInputType.RADIO_BUTTON)
        .setFieldName('sender')
        .setTitle('Send from')
        .addItem('Me', 'me', true)
        .addItem('A colleague', 'colleague', false),
    )
    .addWidget(
      cs
        .newSelectionInput()
        .setType(cs.SelectionInputType.CHECK_BOX)
        .setFieldName('days')
        .setTitle('Days')
        .addItem('Mon', 'MON', true)
        .addItem('Tue', 'TUE', false)
        .addItem('Sat', 'SAT', false),
    )
    .addWidget(
      cs
        .newSelectionInput()
        .setType(cs.SelectionInputType.SWITCH)
        .setFieldName('tracking')
        .setTitle('Options')
        .addItem('Stop on reply', 'stop', true),
    )
    .addWidget(
      cs
        .newDatePicker()
        .setFieldName('start')
        .setTitle('Start date')
        .setValueInMsSinceEpoch(Date.UTC(2026, 2, 9)),
    )
    .addWidget(cs.newDivider())
    .addWidget(
      cs
        .newDecoratedText()
        .setTopLabel('Sender')
        .setText('<b>Rita</b> Recruiter')
        .setBottomLabel('Active')
        .setSwitchControl(cs.newSwitch().setFieldName('paused').setValue('yes').setSelected(false)),
    )
    .addWidget(
      cs.newButtonSet().addButton(cs.newTextButton().setText('Save').setOnClickAction(action)),
    );
  const more = cs
    .newCardSection()
    .setHeader('More')
    .setCollapsible(true)
    .setNumUncollapsibleWidgets(1)
    .addWidget(cs.newTextParagraph().setText('Always <i>visible</i>'))
    .addWidget(cs.newTextParagraph().setText('Hidden until expanded'))
    .addWidget(
      cs
        .newGrid()
        .setTitle('Steps')
        .setNumColumns(2)
        .addItem(cs.newGridItem().setIdentifier('s1').setTitle('Step 1').setSubtitle('Day 0'))
        .addItem(cs.newGridItem().setIdentifier('s2').setTitle('Step 2').setSubtitle('Day 3'))
        .setOnClickAction(action),
    )
    .addWidget(cs.newImage().setImageUrl('/favicon-does-not-exist.png').setAltText('logo'));
  const card = cs
    .newCardBuilder()
    .setHeader(cs.newCardHeader().setTitle('Gallery').setSubtitle('every widget'))
    .addSection(inputs)
    .addSection(more)
    .setFixedFooter(
      cs
        .newFixedFooter()
        .setPrimaryButton(cs.newTextButton().setText('Launch').setOnClickAction(action)),
    )
    .build();
  return toAddOnJson(card);
}
