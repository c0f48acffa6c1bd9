// The CardService builders Baton and typical add-ons use, producing google.apps.card.v1 JSON for
// cards and the add-on render-actions JSON for action responses (shapes in emulator/cards/README.md).
import type { Json, JsonObject, CardContext, Internal } from './fake';
import { compact, expectArgument, fake, type Methods } from './fake';

type Card_Service = GoogleAppsScript.Card_Service.CardService;

/** The enums scripts read from CardService: each value is its own name, as Apps Script prints it. */
const ENUMS = {
  DisplayStyle: ['PEEK', 'REPLACE'],
  GridItemLayout: ['TEXT_BELOW', 'TEXT_ABOVE'],
  HorizontalAlignment: ['START', 'CENTER', 'END'],
  Icon: [
    'NONE',
    'AIRPLANE',
    'BOOKMARK',
    'BUS',
    'CAR',
    'CLOCK',
    'CONFIRMATION_NUMBER_ICON',
    'DOLLAR',
    'DESCRIPTION',
    'EMAIL',
    'EVENT_PERFORMER',
    'EVENT_SEAT',
    'FLIGHT_ARRIVAL',
    'FLIGHT_DEPARTURE',
    'HOTEL',
    'HOTEL_ROOM_TYPE',
    'INVITE',
    'MAP_PIN',
    'MEMBERSHIP',
    'MULTIPLE_PEOPLE',
    'OFFER',
    'PERSON',
    'PHONE',
    'RESTAURANT_ICON',
    'SHOPPING_CART',
    'STAR',
    'STORE',
    'TICKET',
    'TRAIN',
    'VIDEO_CAMERA',
    'VIDEO_PLAY',
  ],
  ImageCropType: ['SQUARE', 'CIRCLE', 'RECTANGLE_CUSTOM', 'RECTANGLE_4_3'],
  ImageStyle: ['SQUARE', 'CIRCLE'],
  LoadIndicator: ['SPINNER', 'NONE'],
  OnClose: ['NOTHING', 'RELOAD', 'RELOAD_ADD_ON'],
  OpenAs: ['FULL_SIZE', 'OVERLAY'],
  SelectionInputType: ['CHECK_BOX', 'RADIO_BUTTON', 'DROPDOWN', 'SWITCH', 'MULTI_SELECT'],
  SwitchControlType: ['SWITCH', 'CHECK_BOX'],
  TextButtonStyle: ['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'],
  ContentType: ['TEXT', 'MUTABLE_HTML', 'IMMUTABLE_HTML'],
  UpdateDraftBodyType: ['IN_PLACE_INSERT', 'INSERT_AT_START', 'INSERT_AT_END'],
} satisfies Partial<Record<keyof Card_Service, string[]>>;

type EnumName = keyof typeof ENUMS;

/** The widget field of google.apps.card.v1.Widget that each widget class fills. */
const WIDGET_FIELD: Record<string, string> = {
  TextParagraph: 'textParagraph',
  DecoratedText: 'decoratedText',
  Image: 'image',
  ButtonSet: 'buttonList',
  TextInput: 'textInput',
  SelectionInput: 'selectionInput',
  DateTimePicker: 'dateTimePicker',
  DatePicker: 'dateTimePicker',
  TimePicker: 'dateTimePicker',
  Divider: 'divider',
  Grid: 'grid',
};
const BUTTONS = ['TextButton', 'ImageButton'];
const WIDGETS = [...Object.keys(WIDGET_FIELD), ...BUTTONS];

/** Makes the CardService global of one execution. */
export function makeCardService(ctx: CardContext): Card_Service {
  const arg = (value: unknown, kinds: readonly string[], method: string) =>
    expectArgument(ctx, value, kinds, method);
  const fail = (message: string) => ctx.error(message);
  const enumValue = (name: EnumName, value: unknown, method: string): string => {
    const text = String(value);
    if ((ENUMS[name] as string[]).includes(text)) return text;
    throw fail(`The parameters (${typeof value}) don't match the method signature for ${method}.`);
  };
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

  /** onClick of a clickable widget: an action or a link, whichever the script set last. */
  function clickTarget(kind: string) {
    let onClick: JsonObject | undefined;
    return {
      setOnClickAction: (action: unknown) => {
        onClick = { action: arg(action, ['Action'], `${kind}.setOnClickAction`).json() };
      },
      setOpenLink: (link: unknown) => {
        onClick = { openLink: arg(link, ['OpenLink'], `${kind}.setOpenLink`).json() };
      },
      get: () => onClick,
    };
  }

  function newAction() {
    let functionName: string | undefined;
    let parameters: Json[] | undefined;
    let loadIndicator: string | undefined;
    let persistValues: boolean | undefined;
    return fake<GoogleAppsScript.Card_Service.Action>(
      ctx,
      'Action',
      {
        setFunctionName: (name) => void (functionName = text(name)),
        setParameters: (params) => {
          if (typeof params !== 'object' || params === null)
            throw fail(
              "The parameters (null) don't match the method signature for CardService.Action.setParameters.",
            );
          parameters = Object.entries(params).map(([key, value]) => {
            if (typeof value !== 'string')
              throw fail(
                `Action parameters must be strings, but "${key}" is ${typeof value}: convert it with String().`,
              );
            return { key, value };
          });
        },
        setLoadIndicator: (value) =>
          void (loadIndicator = enumValue('LoadIndicator', value, 'Action.setLoadIndicator')),
        setPersistValues: (value) => void (persistValues = Boolean(value)),
      },
      () => {
        if (!functionName) throw fail('An Action needs a function name: call setFunctionName().');
        return compact({
          function: functionName,
          parameters: parameters?.length ? parameters : undefined,
          loadIndicator,
          persistValues,
        });
      },
    );
  }

  function newOpenLink() {
    let url: string | undefined;
    let openAs: string | undefined;
    let onClose: string | undefined;
    return fake<GoogleAppsScript.Card_Service.OpenLink>(
      ctx,
      'OpenLink',
      {
        setUrl: (value) => void (url = text(value)),
        setOpenAs: (value) => void (openAs = enumValue('OpenAs', value, 'OpenLink.setOpenAs')),
        setOnClose: (value) => {
          const name = enumValue('OnClose', value, 'OpenLink.setOnClose');
          onClose = name === 'RELOAD_ADD_ON' ? 'RELOAD' : name;
        },
      },
      () => {
        if (!url) throw fail('An OpenLink needs a URL: call setUrl().');
        return compact({ url, openAs, onClose });
      },
    );
  }

  function newIconImage() {
    let icon: JsonObject = {};
    let altText: string | undefined;
    let imageType: string | undefined;
    return fake<GoogleAppsScript.Card_Service.IconImage>(
      ctx,
      'IconImage',
      {
        setIcon: (value) =>
          void (icon = { knownIcon: enumValue('Icon', value, 'IconImage.setIcon') }),
        setIconUrl: (value) => void (icon = { iconUrl: text(value) }),
        setAltText: (value) => void (altText = text(value)),
        setImageCropType: (value) => {
          const crop = enumValue('ImageCropType', value, 'IconImage.setImageCropType');
          imageType = crop === 'CIRCLE' ? 'CIRCLE' : 'SQUARE';
        },
      },
      () => {
        if (!icon.knownIcon && !icon.iconUrl)
          throw fail('An IconImage needs an icon: call setIcon() or setIconUrl().');
        return compact({ ...icon, altText, imageType });
      },
    );
  }

  function newTextButton() {
    const click = clickTarget('TextButton');
    let label: string | undefined;
    let type: string | undefined;
    let disabled: boolean | undefined;
    let altText: string | undefined;
    let color: JsonObject | undefined;
    return fake<GoogleAppsScript.Card_Service.TextButton>(
      ctx,
      'TextButton',
      {
        setText: (value) => void (label = text(value)),
        setOnClickAction: click.setOnClickAction,
        setOpenLink: click.setOpenLink,
        setTextButtonStyle: (value) =>
          void (type = enumValue('TextButtonStyle', value, 'TextButton.setTextButtonStyle')),
        setDisabled: (value) => void (disabled = Boolean(value)),
        setAltText: (value) => void (altText = text(value)),
        setBackgroundColor: (value) => void (color = rgb(text(value))),
      },
      () => {
        if (!label) throw fail('A TextButton needs text: call setText().');
        const onClick = click.get();
        if (!onClick)
          throw fail(
            `The button "${label}" needs an action or a link: call setOnClickAction() or setOpenLink().`,
          );
        return compact({ text: label, onClick, type, disabled, altText, color });
      },
    );
  }

  function rgb(hex: string): JsonObject {
    const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!match) throw fail(`Invalid color "${hex}": use #RRGGBB.`);
    const [red, green, blue] = match.slice(1).map((h) => parseInt(h, 16) / 255);
    return { red, green, blue };
  }

  function newImageButton() {
    const click = clickTarget('ImageButton');
    let icon: JsonObject = {};
    let altText: string | undefined;
    return fake<GoogleAppsScript.Card_Service.ImageButton>(
      ctx,
      'ImageButton',
      {
        setIcon: (value) =>
          void (icon = { knownIcon: enumValue('Icon', value, 'ImageButton.setIcon') }),
        setIconUrl: (value) => void (icon = { iconUrl: text(value) }),
        setAltText: (value) => void (altText = text(value)),
        setOnClickAction: click.setOnClickAction,
        setOpenLink: click.setOpenLink,
      },
      () => {
        if (!icon.knownIcon && !icon.iconUrl)
          throw fail('An ImageButton needs an icon: call setIcon() or setIconUrl().');
        const onClick = click.get();
        if (!onClick)
          throw fail(
            'An ImageButton needs an action or a link: call setOnClickAction() or setOpenLink().',
          );
        return compact({ icon: compact({ ...icon, altText }), altText, onClick });
      },
    );
  }

  function newButtonSet() {
    const buttons: Internal[] = [];
    return fake<GoogleAppsScript.Card_Service.ButtonSet>(
      ctx,
      'ButtonSet',
      { addButton: (button) => void buttons.push(arg(button, BUTTONS, 'ButtonSet.addButton')) },
      () => {
        if (buttons.length === 0) throw fail('A ButtonSet needs a button: call addButton().');
        return { buttons: buttons.map((b) => b.json()) };
      },
    );
  }

  function newTextParagraph() {
    let value = '';
    return fake<GoogleAppsScript.Card_Service.TextParagraph>(
      ctx,
      'TextParagraph',
      { setText: (t) => void (value = text(t)) },
      () => {
        if (!value) throw fail('A TextParagraph needs text: call setText().');
        return { text: value };
      },
    );
  }

  function newSwitch() {
    let name: string | undefined;
    let value: string | undefined;
    let selected: boolean | undefined;
    let onChangeAction: Internal | undefined;
    let controlType: string | undefined;
    return fake<GoogleAppsScript.Card_Service.Switch>(
      ctx,
      'Switch',
      {
        setFieldName: (v) => void (name = text(v)),
        setValue: (v) => void (value = text(v)),
        setSelected: (v) => void (selected = Boolean(v)),
        setOnChangeAction: (a) =>
          void (onChangeAction = arg(a, ['Action'], 'Switch.setOnChangeAction')),
        setControlType: (v) =>
          void (controlType = enumValue('SwitchControlType', v, 'Switch.setControlType')),
      },
      () => {
        if (!name) throw fail('A Switch needs a field name: call setFieldName().');
        return compact({
          name,
          value,
          selected,
          onChangeAction: onChangeAction?.json(),
          controlType,
        });
      },
    );
  }

  function newDecoratedText() {
    const click = clickTarget('DecoratedText');
    const fields: Record<string, Json | undefined> = {};
    let startIcon: Internal | undefined;
    let endIcon: Internal | undefined;
    let control: { field: string; of: Internal } | undefined;
    return fake<GoogleAppsScript.Card_Service.DecoratedText>(
      ctx,
      'DecoratedText',
      {
        setTopLabel: (v) => void (fields.topLabel = text(v)),
        setText: (v) => void (fields.text = text(v)),
        setBottomLabel: (v) => void (fields.bottomLabel = text(v)),
        setWrapText: (v) => void (fields.wrapText = Boolean(v)),
        setStartIcon: (icon) =>
          void (startIcon = arg(icon, ['IconImage'], 'DecoratedText.setStartIcon')),
        setEndIcon: (icon) => {
          endIcon = arg(icon, ['IconImage'], 'DecoratedText.setEndIcon');
          control = undefined;
        },
        setButton: (button) => {
          control = { field: 'button', of: arg(button, BUTTONS, 'DecoratedText.setButton') };
          endIcon = undefined;
        },
        setSwitchControl: (sw) => {
          control = {
            field: 'switchControl',
            of: arg(sw, ['Switch'], 'DecoratedText.setSwitchControl'),
          };
          endIcon = undefined;
        },
        setOnClickAction: click.setOnClickAction,
        setOpenLink: click.setOpenLink,
      },
      () => {
        if (!fields.text) throw fail('A DecoratedText needs text: call setText().');
        return compact({
          ...fields,
          startIcon: startIcon?.json(),
          endIcon: endIcon?.json(),
          onClick: click.get(),
          ...(control ? { [control.field]: control.of.json() } : {}),
        });
      },
    );
  }

  function newTextInput() {
    const fields: Record<string, Json | undefined> = {};
    let onChangeAction: Internal | undefined;
    return fake<GoogleAppsScript.Card_Service.TextInput>(
      ctx,
      'TextInput',
      {
        setFieldName: (v) => void (fields.name = text(v)),
        setTitle: (v) => void (fields.label = text(v)),
        setValue: (v) => void (fields.value = text(v)),
        setHint: (v) => void (fields.hintText = text(v)),
        setMultiline: (v) => void (fields.type = v ? 'MULTIPLE_LINE' : 'SINGLE_LINE'),
        setOnChangeAction: (a) =>
          void (onChangeAction = arg(a, ['Action'], 'TextInput.setOnChangeAction')),
      },
      () => {
        if (!fields.name) throw fail('A TextInput needs a field name: call setFieldName().');
        return compact({ ...fields, onChangeAction: onChangeAction?.json() });
      },
    );
  }

  function newSelectionInput() {
    const fields: Record<string, Json | undefined> = {};
    const items: Json[] = [];
    let onChangeAction: Internal | undefined;
    return fake<GoogleAppsScript.Card_Service.SelectionInput>(
      ctx,
      'SelectionInput',
      {
        setFieldName: (v) => void (fields.name = text(v)),
        setTitle: (v) => void (fields.label = text(v)),
        setType: (v) =>
          void (fields.type = enumValue('SelectionInputType', v, 'SelectionInput.setType')),
        addItem: (itemText, value, selected) =>
          void items.push({
            text: text(itemText),
            value: text(value),
            selected: Boolean(selected),
          }),
        setOnChangeAction: (a) =>
          void (onChangeAction = arg(a, ['Action'], 'SelectionInput.setOnChangeAction')),
      },
      () => {
        if (!fields.name) throw fail('A SelectionInput needs a field name: call setFieldName().');
        return compact({ ...fields, items, onChangeAction: onChangeAction?.json() });
      },
    );
  }

  /** DateTimePicker, DatePicker and TimePicker all become a google.apps.card.v1.DateTimePicker. */
  function picker(kind: 'DateTimePicker' | 'DatePicker' | 'TimePicker', type: string) {
    const fields: Record<string, Json | undefined> = { type };
    let onChangeAction: Internal | undefined;
    let hours = 0;
    let minutes = 0;
    const setTime = () => void (fields.valueMsEpoch = String((hours * 60 + minutes) * 60_000));
    const setEpoch = (v: unknown) => {
      if (!Number.isFinite(Number(v)))
        throw fail(`${kind}.setValueInMsSinceEpoch needs milliseconds since the epoch, got ${v}.`);
      fields.valueMsEpoch = String(Math.trunc(Number(v)));
    };
    const common = {
      setFieldName: (v: string) => void (fields.name = text(v)),
      setTitle: (v: string) => void (fields.label = text(v)),
      setOnChangeAction: (a: GoogleAppsScript.Card_Service.Action) =>
        void (onChangeAction = arg(a, ['Action'], `${kind}.setOnChangeAction`)),
    };
    const json = () => {
      if (!fields.name) throw fail(`A ${kind} needs a field name: call setFieldName().`);
      return compact({ ...fields, onChangeAction: onChangeAction?.json() });
    };
    if (kind === 'TimePicker')
      return fake<GoogleAppsScript.Card_Service.TimePicker>(
        ctx,
        kind,
        {
          ...common,
          setHours: (h) => void ((hours = Number(h)), setTime()),
          setMinutes: (m) => void ((minutes = Number(m)), setTime()),
        },
        json,
      );
    return fake<GoogleAppsScript.Card_Service.DateTimePicker>(
      ctx,
      kind,
      {
        ...common,
        setValueInMsSinceEpoch: setEpoch,
        ...(kind === 'DateTimePicker'
          ? { setTimeZoneOffsetInMins: (m: number) => void (fields.timezoneOffsetDate = Number(m)) }
          : {}),
      },
      json,
    );
  }

  function newImage() {
    const click = clickTarget('Image');
    let imageUrl: string | undefined;
    let altText: string | undefined;
    return fake<GoogleAppsScript.Card_Service.Image>(
      ctx,
      'Image',
      {
        setImageUrl: (v) => void (imageUrl = text(v)),
        setAltText: (v) => void (altText = text(v)),
        setOnClickAction: click.setOnClickAction,
        setOpenLink: click.setOpenLink,
      },
      () => {
        if (!imageUrl) throw fail('An Image needs a URL: call setImageUrl().');
        return compact({ imageUrl, altText, onClick: click.get() });
      },
    );
  }

  function newGridItem() {
    const fields: Record<string, Json | undefined> = {};
    return fake<GoogleAppsScript.Card_Service.GridItem>(
      ctx,
      'GridItem',
      {
        setIdentifier: (v) => void (fields.id = text(v)),
        setTitle: (v) => void (fields.title = text(v)),
        setSubtitle: (v) => void (fields.subtitle = text(v)),
        setLayout: (v) =>
          void (fields.layout = enumValue('GridItemLayout', v, 'GridItem.setLayout')),
      },
      () => compact(fields),
    );
  }

  function newGrid() {
    const click = clickTarget('Grid');
    const items: Internal[] = [];
    let title: string | undefined;
    let columnCount: number | undefined;
    return fake<GoogleAppsScript.Card_Service.Grid>(
      ctx,
      'Grid',
      {
        setTitle: (v) => void (title = text(v)),
        addItem: (item) => void items.push(arg(item, ['GridItem'], 'Grid.addItem')),
        setNumColumns: (n) => void (columnCount = Number(n)),
        setOnClickAction: click.setOnClickAction,
        setOpenLink: click.setOpenLink,
      },
      () => {
        if (items.length === 0) throw fail('A Grid needs an item: call addItem().');
        return compact({
          title,
          items: items.map((i) => i.json()),
          columnCount,
          onClick: click.get(),
        });
      },
    );
  }

  function newDivider() {
    return fake<GoogleAppsScript.Card_Service.Divider>(ctx, 'Divider', {}, () => ({}));
  }

  function newCardHeader() {
    const fields: Record<string, Json | undefined> = {};
    return fake<GoogleAppsScript.Card_Service.CardHeader>(
      ctx,
      'CardHeader',
      {
        setTitle: (v) => void (fields.title = text(v)),
        setSubtitle: (v) => void (fields.subtitle = text(v)),
        setImageUrl: (v) => void (fields.imageUrl = text(v)),
        setImageAltText: (v) => void (fields.imageAltText = text(v)),
        setImageStyle: (v) =>
          void (fields.imageType = enumValue('ImageStyle', v, 'CardHeader.setImageStyle')),
      },
      () => {
        if (!fields.title) throw fail('A CardHeader needs a title: call setTitle().');
        return compact(fields);
      },
    );
  }

  function newCardSection() {
    const widgets: Internal[] = [];
    const fields: Record<string, Json | undefined> = {};
    return fake<GoogleAppsScript.Card_Service.CardSection>(
      ctx,
      'CardSection',
      {
        setHeader: (v) => void (fields.header = text(v)),
        addWidget: (widget) => void widgets.push(arg(widget, WIDGETS, 'CardSection.addWidget')),
        setCollapsible: (v) => void (fields.collapsible = Boolean(v)),
        setNumUncollapsibleWidgets: (n) => void (fields.uncollapsibleWidgetsCount = Number(n)),
      },
      () => {
        if (widgets.length === 0)
          throw fail(
            `The card section${fields.header ? ` "${fields.header}"` : ''} has no widgets: add at least one with addWidget().`,
          );
        return compact({ ...fields, widgets: widgets.map(widgetJson) });
      },
    );
  }

  function widgetJson(widget: Internal): JsonObject {
    if (BUTTONS.includes(widget.kind)) return { buttonList: { buttons: [widget.json()] } };
    return { [WIDGET_FIELD[widget.kind]]: widget.json() };
  }

  function newFixedFooter() {
    let primary: Internal | undefined;
    let secondary: Internal | undefined;
    return fake<GoogleAppsScript.Card_Service.FixedFooter>(
      ctx,
      'FixedFooter',
      {
        setPrimaryButton: (b) =>
          void (primary = arg(b, ['TextButton'], 'FixedFooter.setPrimaryButton')),
        setSecondaryButton: (b) =>
          void (secondary = arg(b, ['TextButton'], 'FixedFooter.setSecondaryButton')),
      },
      () => {
        if (!primary) throw fail('A FixedFooter needs a primary button: call setPrimaryButton().');
        return compact({ primaryButton: primary.json(), secondaryButton: secondary?.json() });
      },
    );
  }

  function newCardAction() {
    const click = clickTarget('CardAction');
    let actionLabel: string | undefined;
    return fake<GoogleAppsScript.Card_Service.CardAction>(
      ctx,
      'CardAction',
      {
        setText: (v) => void (actionLabel = text(v)),
        setOnClickAction: click.setOnClickAction,
        setOpenLink: click.setOpenLink,
      },
      () => {
        if (!actionLabel) throw fail('A CardAction needs text: call setText().');
        const onClick = click.get();
        if (!onClick)
          throw fail(
            `The card action "${actionLabel}" needs an action or a link: call setOnClickAction() or setOpenLink().`,
          );
        return { actionLabel, onClick };
      },
    );
  }

  /** A built object: its JSON is fixed at build(), as later builder calls do not change it. */
  function built<T>(kind: string, json: JsonObject): T {
    const print = () => JSON.stringify(json, null, 2);
    return fake<{ printJson(): string }>(ctx, kind, { printJson: print }, () => json) as T;
  }

  function newCardBuilder() {
    const sections: Internal[] = [];
    const cardActions: Internal[] = [];
    const parts: Record<string, Internal | undefined> = {};
    const fields: Record<string, Json | undefined> = {};
    return fake<GoogleAppsScript.Card_Service.CardBuilder>(
      ctx,
      'CardBuilder',
      {
        setHeader: (h) => void (parts.header = arg(h, ['CardHeader'], 'CardBuilder.setHeader')),
        setPeekCardHeader: (h) =>
          void (parts.peekCardHeader = arg(h, ['CardHeader'], 'CardBuilder.setPeekCardHeader')),
        addSection: (s) => void sections.push(arg(s, ['CardSection'], 'CardBuilder.addSection')),
        setFixedFooter: (f) =>
          void (parts.fixedFooter = arg(f, ['FixedFooter'], 'CardBuilder.setFixedFooter')),
        addCardAction: (a) =>
          void cardActions.push(arg(a, ['CardAction'], 'CardBuilder.addCardAction')),
        setName: (v) => void (fields.name = text(v)),
        setDisplayStyle: (v) =>
          void (fields.displayStyle = enumValue('DisplayStyle', v, 'CardBuilder.setDisplayStyle')),
        build: () =>
          ctx.invoke('CardService', 'CardBuilder.build', () => {
            if (sections.length === 0)
              throw fail('The card has no sections: add at least one with addSection().');
            const json = compact({
              header: parts.header?.json(),
              sections: sections.map((s) => s.json()),
              cardActions: cardActions.length ? cardActions.map((a) => a.json()) : undefined,
              name: fields.name,
              fixedFooter: parts.fixedFooter?.json(),
              displayStyle: fields.displayStyle,
              peekCardHeader: parts.peekCardHeader?.json(),
            });
            return built<GoogleAppsScript.Card_Service.Card>('Card', json);
          }),
      },
      () => {
        throw fail('A CardBuilder is not a card: call build() first.');
      },
    );
  }

  function newNavigation() {
    const steps: Json[] = [];
    const card = (c: unknown, method: string) => arg(c, ['Card'], `Navigation.${method}`).json();
    return fake<GoogleAppsScript.Card_Service.Navigation>(
      ctx,
      'Navigation',
      {
        pushCard: (c) => void steps.push({ pushCard: card(c, 'pushCard') }),
        updateCard: (c) => void steps.push({ updateCard: card(c, 'updateCard') }),
        popCard: () => void steps.push({ pop: true }),
        popToRoot: () => void steps.push({ popToRoot: true }),
        popToNamedCard: (name) => void steps.push({ popToCard: text(name) }),
        printJson: () => JSON.stringify({ navigations: steps }, null, 2),
      },
      () => ({ navigations: steps }),
    );
  }

  function newNotification() {
    let value = '';
    return fake<GoogleAppsScript.Card_Service.Notification>(
      ctx,
      'Notification',
      { setText: (t) => void (value = text(t)) },
      () => {
        if (!value) throw fail('A Notification needs text: call setText().');
        return { text: value };
      },
    );
  }

  function newActionResponseBuilder() {
    const parts: Record<string, Internal | undefined> = {};
    return fake<GoogleAppsScript.Card_Service.ActionResponseBuilder>(
      ctx,
      'ActionResponseBuilder',
      {
        setNavigation: (n) =>
          void (parts.navigation = arg(n, ['Navigation'], 'ActionResponseBuilder.setNavigation')),
        setNotification: (n) =>
          void (parts.notification = arg(
            n,
            ['Notification'],
            'ActionResponseBuilder.setNotification',
          )),
        setOpenLink: (l) =>
          void (parts.link = arg(l, ['OpenLink'], 'ActionResponseBuilder.setOpenLink')),
        // The render-actions JSON has no field for it; hosts re-run contextual triggers instead.
        setStateChanged: () => undefined,
        build: () =>
          ctx.invoke('CardService', 'ActionResponseBuilder.build', () => {
            const navigations = parts.navigation?.json().navigations as Json[] | undefined;
            const action = compact({
              navigations: navigations?.length ? navigations : undefined,
              notification: parts.notification?.json(),
              link: parts.link?.json(),
            });
            return built<GoogleAppsScript.Card_Service.ActionResponse>('ActionResponse', {
              renderActions: { action },
            });
          }),
      },
      () => {
        throw fail('An ActionResponseBuilder is not a response: call build() first.');
      },
    );
  }

  function newUniversalActionResponseBuilder() {
    let cards: JsonObject[] | undefined;
    let link: Internal | undefined;
    const method = 'UniversalActionResponseBuilder';
    return fake<GoogleAppsScript.Card_Service.UniversalActionResponseBuilder>(
      ctx,
      method,
      {
        displayAddOnCards: (list) => {
          if (!Array.isArray(list))
            throw fail(
              `The parameters (${typeof list}) don't match the method signature for CardService.${method}.displayAddOnCards.`,
            );
          cards = list.map((c) => arg(c, ['Card'], `${method}.displayAddOnCards`).json());
          link = undefined;
        },
        setOpenLink: (l) => {
          link = arg(l, ['OpenLink'], `${method}.setOpenLink`);
          cards = undefined;
        },
        build: () =>
          ctx.invoke('CardService', `${method}.build`, () => {
            if (!cards?.length && !link)
              throw fail(
                'A universal action response needs cards or a link: call displayAddOnCards() or setOpenLink().',
              );
            const action: JsonObject = link
              ? { link: link.json() }
              : { navigations: (cards ?? []).map((c) => ({ pushCard: c })) };
            return built<GoogleAppsScript.Card_Service.UniversalActionResponse>(
              'UniversalActionResponse',
              { renderActions: { action } },
            );
          }),
      },
      () => {
        throw fail('A UniversalActionResponseBuilder is not a response: call build() first.');
      },
    );
  }

  /** A list of addresses as the draft-update JSON holds them: `[{ email }]`. */
  function recipientsAction<T>(kind: string, method: string, field: string) {
    const emails: string[] = [];
    return fake<T>(
      ctx,
      kind,
      {
        [method]: (list: unknown) => {
          if (!Array.isArray(list))
            throw fail(
              `The parameters (${typeof list}) don't match the method signature for CardService.${kind}.${method}.`,
            );
          emails.push(...list.map(text));
        },
      } as Methods<T>,
      () => ({ [field]: emails.map((email) => ({ email })) }),
    );
  }

  function newUpdateDraftBodyAction() {
    const insertContents: JsonObject[] = [];
    let type: string | undefined;
    const kind = 'UpdateDraftBodyAction';
    return fake<GoogleAppsScript.Card_Service.UpdateDraftBodyAction>(
      ctx,
      kind,
      {
        addUpdateContent: (content, contentType) =>
          void insertContents.push({
            content: text(content),
            contentType: enumValue('ContentType', contentType, `${kind}.addUpdateContent`),
          }),
        setUpdateType: (value) =>
          void (type = enumValue('UpdateDraftBodyType', value, `${kind}.setUpdateType`)),
      },
      () => compact({ insertContents, type }),
    );
  }

  function newUpdateDraftSubjectAction() {
    let subject = '';
    return fake<GoogleAppsScript.Card_Service.UpdateDraftSubjectAction>(
      ctx,
      'UpdateDraftSubjectAction',
      { addUpdateSubject: (value) => void (subject = text(value)) },
      () => ({ subject }),
    );
  }

  /** The Gmail compose response: updates of the open draft's body, subject and recipients. */
  function newUpdateDraftActionResponseBuilder() {
    const parts: Record<string, Internal | undefined> = {};
    const kind = 'UpdateDraftActionResponseBuilder';
    const set = (field: string, argKind: string, method: string) => (value: unknown) =>
      void (parts[field] = arg(value, [argKind], `${kind}.${method}`));
    return fake<GoogleAppsScript.Card_Service.UpdateDraftActionResponseBuilder>(
      ctx,
      kind,
      {
        setUpdateDraftBodyAction: set(
          'updateBody',
          'UpdateDraftBodyAction',
          'setUpdateDraftBodyAction',
        ),
        setUpdateDraftSubjectAction: set(
          'updateSubject',
          'UpdateDraftSubjectAction',
          'setUpdateDraftSubjectAction',
        ),
        setUpdateDraftToRecipientsAction: set(
          'updateToRecipients',
          'UpdateDraftToRecipientsAction',
          'setUpdateDraftToRecipientsAction',
        ),
        setUpdateDraftCcRecipientsAction: set(
          'updateCcRecipients',
          'UpdateDraftCcRecipientsAction',
          'setUpdateDraftCcRecipientsAction',
        ),
        setUpdateDraftBccRecipientsAction: set(
          'updateBccRecipients',
          'UpdateDraftBccRecipientsAction',
          'setUpdateDraftBccRecipientsAction',
        ),
        build: () =>
          ctx.invoke('CardService', `${kind}.build`, () => {
            const markup = compact(
              Object.fromEntries(
                Object.entries(parts).map(([field, part]) => [field, part?.json()]),
              ),
            );
            if (Object.keys(markup).length === 0)
              throw fail(
                'An UpdateDraftActionResponse needs an update: call setUpdateDraftBodyAction(), setUpdateDraftSubjectAction() or a set...RecipientsAction().',
              );
            return built<GoogleAppsScript.Card_Service.UpdateDraftActionResponse>(
              'UpdateDraftActionResponse',
              {
                renderActions: {
                  hostAppAction: { gmailAction: { updateDraftActionMarkup: markup } },
                },
              },
            );
          }),
      },
      () => {
        throw fail('An UpdateDraftActionResponseBuilder is not a response: call build() first.');
      },
    );
  }

  const enums = Object.fromEntries(
    Object.entries(ENUMS).map(([name, values]) => [
      name,
      Object.freeze(Object.fromEntries(values.map((v) => [v, v]))),
    ]),
  ) as unknown as Pick<Card_Service, EnumName>;

  return fake<Card_Service>(
    ctx,
    'CardService',
    {
      newAction,
      newOpenLink,
      newIconImage,
      newTextButton,
      newImageButton,
      newButtonSet,
      newTextParagraph,
      newSwitch,
      newDecoratedText,
      newTextInput,
      newSelectionInput,
      newDateTimePicker: () => picker('DateTimePicker', 'DATE_AND_TIME'),
      newDatePicker: () => picker('DatePicker', 'DATE_ONLY'),
      newTimePicker: () => picker('TimePicker', 'TIME_ONLY'),
      newImage,
      newGrid,
      newGridItem,
      newDivider,
      newCardHeader,
      newCardSection,
      newFixedFooter,
      newCardAction,
      newCardBuilder,
      newNavigation,
      newNotification,
      newActionResponseBuilder,
      newUniversalActionResponseBuilder,
      newUpdateDraftActionResponseBuilder,
      newUpdateDraftBodyAction,
      newUpdateDraftSubjectAction,
      newUpdateDraftToRecipientsAction: () =>
        recipientsAction<GoogleAppsScript.Card_Service.UpdateDraftToRecipientsAction>(
          'UpdateDraftToRecipientsAction',
          'addUpdateToRecipients',
          'toRecipients',
        ),
      newUpdateDraftCcRecipientsAction: () =>
        recipientsAction<GoogleAppsScript.Card_Service.UpdateDraftCcRecipientsAction>(
          'UpdateDraftCcRecipientsAction',
          'addUpdateCcRecipients',
          'ccRecipients',
        ),
      newUpdateDraftBccRecipientsAction: () =>
        recipientsAction<GoogleAppsScript.Card_Service.UpdateDraftBccRecipientsAction>(
          'UpdateDraftBccRecipientsAction',
          'addUpdateBccRecipients',
          'bccRecipients',
        ),
    },
    () => {
      throw fail('CardService is a service, not a card.');
    },
    enums,
  );
}
