// Renders google.apps.card.v1 card JSON (what the emulator's CardService prints) into the DOM,
// and reads the card's inputs back as Apps Script's commonEventObject.formInputs.

const ALLOWED_TAGS = new Set(['B', 'I', 'U', 'S', 'STRONG', 'EM', 'A', 'BR', 'FONT', 'P', 'SPAN']);

/** Card text allows a small HTML subset (bold, italic, links, colour); everything else is text. */
export function formattedText(html) {
  const template = document.createElement('template');
  template.innerHTML = String(html ?? '');
  const clean = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.ELEMENT_NODE) {
        if (!ALLOWED_TAGS.has(child.tagName)) {
          child.replaceWith(...child.childNodes);
          clean(node);
          return;
        }
        for (const attr of [...child.attributes]) {
          const keep =
            (child.tagName === 'A' &&
              attr.name === 'href' &&
              /^(https?:|mailto:)/i.test(attr.value)) ||
            (child.tagName === 'FONT' && attr.name === 'color');
          if (!keep) child.removeAttribute(attr.name);
        }
        if (child.tagName === 'A') child.target = '_blank';
        clean(child);
      } else if (child.nodeType !== Node.TEXT_NODE) {
        child.remove();
      }
    }
  };
  clean(template.content);
  const span = document.createElement('span');
  span.append(template.content);
  return span;
}

function el(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of [].concat(children)) {
    if (child !== undefined && child !== null) node.append(child);
  }
  return node;
}

function icon(spec) {
  if (!spec) return undefined;
  if (spec.iconUrl) {
    const img = el('img', 'card-icon');
    img.src = spec.iconUrl;
    img.alt = spec.altText ?? '';
    return img;
  }
  const name = spec.knownIcon ?? spec.materialIcon?.name;
  return name
    ? el('span', 'card-icon known-icon', name.toLowerCase().replace(/_/g, ' '))
    : undefined;
}

/** Wires a card.v1 OnClick to the page's handlers: an action, a link, or a card to push. */
function onClick(node, click, ctx) {
  if (!click) return;
  node.classList.add('clickable');
  node.addEventListener('click', (event) => {
    event.stopPropagation();
    if (click.action) ctx.runAction(click.action);
    else if (click.openLink) ctx.openLink(click.openLink.url);
    else if (click.openDynamicLinkAction) ctx.runAction(click.openDynamicLinkAction);
    else if (click.card) ctx.pushCard(click.card);
  });
}

function button(spec, ctx) {
  const b = el(
    'button',
    `card-button${spec.type === 'OUTLINED' || spec.type === 'BORDERLESS' ? ' secondary' : ''}`,
  );
  b.type = 'button';
  if (spec.icon) b.append(icon(spec.icon));
  b.append(spec.text ?? spec.altText ?? '');
  if (spec.disabled) b.disabled = true;
  if (spec.color) {
    const { red = 0, green = 0, blue = 0 } = spec.color;
    b.style.background = `rgb(${red * 255}, ${green * 255}, ${blue * 255})`;
    b.style.color = '#fff';
  }
  onClick(b, spec.onClick, ctx);
  return b;
}

function onChange(input, action, ctx) {
  if (action) input.addEventListener('change', () => ctx.runAction(action));
}

function labelled(label, control, hint) {
  const wrap = el('label', 'card-field');
  if (label) wrap.append(el('span', 'card-field-label', label));
  wrap.append(control);
  if (hint) wrap.append(el('span', 'card-field-hint', hint));
  return wrap;
}

function textInput(spec, ctx) {
  const multi = spec.type === 'MULTIPLE_LINE';
  const input = document.createElement(multi ? 'textarea' : 'input');
  if (multi) input.rows = 4;
  input.name = spec.name;
  input.value = spec.value ?? '';
  input.dataset.input = 'text';
  onChange(input, spec.onChangeAction, ctx);
  return labelled(spec.label, input, spec.hintText);
}

function selectionInput(spec, ctx) {
  const items = spec.items ?? [];
  const type = spec.type ?? 'CHECK_BOX';
  if (type === 'DROPDOWN') {
    const select = document.createElement('select');
    select.name = spec.name;
    select.dataset.input = 'select';
    for (const item of items) {
      const option = el('option', '', item.text);
      option.value = item.value;
      option.selected = Boolean(item.selected);
      select.append(option);
    }
    onChange(select, spec.onChangeAction, ctx);
    return labelled(spec.label, select);
  }
  const group = el('fieldset', `card-choices ${type.toLowerCase()}`);
  group.dataset.input = 'choices';
  group.dataset.name = spec.name;
  if (spec.label) group.append(el('legend', '', spec.label));
  for (const item of items) {
    const input = document.createElement('input');
    input.type = type === 'RADIO_BUTTON' ? 'radio' : 'checkbox';
    input.name = spec.name;
    input.value = item.value;
    input.checked = Boolean(item.selected);
    if (type === 'SWITCH') input.setAttribute('role', 'switch');
    onChange(input, spec.onChangeAction, ctx);
    group.append(el('label', 'card-choice', [input, item.text]));
  }
  return group;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function dateTimePicker(spec, ctx) {
  const type = spec.type ?? 'DATE_AND_TIME';
  const input = document.createElement('input');
  input.type = type === 'DATE_ONLY' ? 'date' : type === 'TIME_ONLY' ? 'time' : 'datetime-local';
  input.name = spec.name;
  input.dataset.input = 'datetime';
  input.dataset.kind = type;
  if (spec.valueMsEpoch !== undefined) {
    const d = new Date(Number(spec.valueMsEpoch));
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    input.value = type === 'DATE_ONLY' ? date : type === 'TIME_ONLY' ? time : `${date}T${time}`;
  }
  onChange(input, spec.onChangeAction, ctx);
  return labelled(spec.label, input);
}

function decoratedText(spec, ctx) {
  const body = el('div', 'decorated-body', [
    spec.topLabel ? el('div', 'top-label', formattedText(spec.topLabel)) : undefined,
    el('div', `decorated-text${spec.wrapText ? ' wrap' : ''}`, formattedText(spec.text)),
    spec.bottomLabel ? el('div', 'bottom-label', formattedText(spec.bottomLabel)) : undefined,
  ]);
  const row = el('div', 'decorated', [icon(spec.startIcon ?? spec.icon), body]);
  if (spec.button) row.append(button(spec.button, ctx));
  if (spec.switchControl) {
    const sw = spec.switchControl;
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = sw.name;
    input.value = sw.value ?? 'true';
    input.checked = Boolean(sw.selected);
    input.dataset.input = 'switch';
    if (sw.controlType !== 'CHECKBOX' && sw.controlType !== 'CHECK_BOX')
      input.setAttribute('role', 'switch');
    onChange(input, sw.onChangeAction, ctx);
    row.append(input);
  }
  if (spec.endIcon) row.append(icon(spec.endIcon));
  onClick(row, spec.onClick, ctx);
  return row;
}

function grid(spec, ctx) {
  const box = el('div', 'card-grid');
  if (spec.title) box.append(el('div', 'card-grid-title', spec.title));
  const items = el('div', 'card-grid-items');
  items.style.gridTemplateColumns = `repeat(${spec.columnCount ?? 2}, 1fr)`;
  for (const item of spec.items ?? []) {
    const cell = el('div', 'card-grid-item', [
      item.image?.imageUri
        ? Object.assign(document.createElement('img'), {
            src: item.image.imageUri,
            alt: item.image.altText ?? '',
          })
        : undefined,
      item.title ? el('div', 'card-grid-item-title', item.title) : undefined,
      item.subtitle ? el('div', 'card-grid-item-subtitle', item.subtitle) : undefined,
    ]);
    if (spec.onClick?.action) {
      const withId = {
        ...spec.onClick.action,
        parameters: [
          ...(spec.onClick.action.parameters ?? []),
          { key: 'grid_item_identifier', value: item.id ?? '' },
        ],
      };
      onClick(cell, { action: withId }, ctx);
    }
    items.append(cell);
  }
  box.append(items);
  return box;
}

function widget(spec, ctx) {
  if (spec.textParagraph)
    return el('div', 'text-paragraph', formattedText(spec.textParagraph.text));
  if (spec.decoratedText) return decoratedText(spec.decoratedText, ctx);
  if (spec.buttonList)
    return el(
      'div',
      'button-list',
      (spec.buttonList.buttons ?? []).map((b) => button(b, ctx)),
    );
  if (spec.textInput) return textInput(spec.textInput, ctx);
  if (spec.selectionInput) return selectionInput(spec.selectionInput, ctx);
  if (spec.dateTimePicker) return dateTimePicker(spec.dateTimePicker, ctx);
  if (spec.divider) return el('hr', 'card-divider');
  if (spec.grid) return grid(spec.grid, ctx);
  if (spec.image) {
    const img = Object.assign(document.createElement('img'), {
      src: spec.image.imageUrl,
      alt: spec.image.altText ?? '',
    });
    img.className = 'card-image';
    onClick(img, spec.image.onClick, ctx);
    return img;
  }
  if (spec.columns) {
    return el(
      'div',
      'card-columns',
      (spec.columns.columnItems ?? []).map((c) =>
        el(
          'div',
          'card-column',
          (c.widgets ?? []).map((w) => widget(w, ctx)),
        ),
      ),
    );
  }
  return el(
    'div',
    'card-unknown',
    `Widget not rendered by the workbench: ${Object.keys(spec).join(', ')}`,
  );
}

function section(spec, ctx) {
  const box = el('section', 'card-section');
  if (spec.header) box.append(el('h3', 'card-section-header', formattedText(spec.header)));
  const widgets = (spec.widgets ?? []).map((w) => widget(w, ctx));
  const visible = spec.collapsible ? (spec.uncollapsibleWidgetsCount ?? 0) : widgets.length;
  widgets.forEach((w, i) => {
    if (i >= visible) w.classList.add('collapsed-widget');
    box.append(w);
  });
  if (spec.collapsible && widgets.length > visible) {
    const toggle = el('button', 'card-collapse-toggle', 'Show more');
    toggle.type = 'button';
    toggle.addEventListener('click', () => {
      const open = box.classList.toggle('expanded');
      toggle.textContent = open ? 'Show less' : 'Show more';
    });
    box.append(toggle);
  }
  return box;
}

/**
 * Builds a card's DOM. ctx: { runAction(action), openLink(url), pushCard(card), menu: [{label, run}] }
 */
export function renderCard(card, ctx) {
  const root = el('div', 'card');
  if (card.name) root.dataset.cardName = card.name;
  if (card.header) {
    const h = card.header;
    const header = el('header', 'card-header', [
      h.imageUrl
        ? Object.assign(document.createElement('img'), {
            src: h.imageUrl,
            alt: h.imageAltText ?? '',
            className: 'card-header-image',
          })
        : undefined,
      el('div', 'card-header-text', [
        el('div', 'card-title', formattedText(h.title)),
        h.subtitle ? el('div', 'card-subtitle', formattedText(h.subtitle)) : undefined,
      ]),
    ]);
    root.append(header);
  }
  const menuItems = [
    ...(card.cardActions ?? []).map((a) => ({ label: a.actionLabel, click: a.onClick })),
    ...(ctx.menu ?? []).map((m) => ({ label: m.label, run: m.run })),
  ];
  if (menuItems.length) {
    const menu = el('details', 'card-menu', [el('summary', '', '⋮')]);
    const list = el('div', 'card-menu-items');
    for (const item of menuItems) {
      const b = el('button', 'card-menu-item', item.label);
      b.type = 'button';
      if (item.run)
        b.addEventListener('click', () => {
          menu.open = false;
          item.run();
        });
      else onClick(b, item.click, ctx);
      list.append(b);
    }
    menu.append(list);
    root.append(menu);
  }
  const body = el(
    'div',
    'card-body',
    (card.sections ?? []).map((s) => section(s, ctx)),
  );
  root.append(body);
  if (card.fixedFooter) {
    const f = card.fixedFooter;
    root.append(
      el('footer', 'card-footer', [
        f.secondaryButton ? button(f.secondaryButton, ctx) : undefined,
        f.primaryButton ? button(f.primaryButton, ctx) : undefined,
      ]),
    );
  }
  return root;
}

function msFromInput(input) {
  if (!input.value) return undefined;
  const kind = input.dataset.kind;
  if (kind === 'TIME_ONLY') {
    const [hours, minutes] = input.value.split(':').map(Number);
    return { timeInput: { hours, minutes } };
  }
  const ms = Date.parse(kind === 'DATE_ONLY' ? `${input.value}T00:00Z` : `${input.value}Z`);
  return kind === 'DATE_ONLY'
    ? { dateInput: { msSinceEpoch: ms } }
    : { dateTimeInput: { msSinceEpoch: ms, hasDate: true, hasTime: true } };
}

/** The card's inputs as commonEventObject.formInputs: { name: { stringInputs: { value: [...] } } }. */
export function readFormInputs(root) {
  const inputs = {};
  const put = (name, values) => {
    if (name) inputs[name] = { stringInputs: { value: values } };
  };
  for (const node of root.querySelectorAll('[data-input]')) {
    switch (node.dataset.input) {
      case 'text':
      case 'select':
        put(node.name, [node.value]);
        break;
      case 'switch':
        if (node.checked) put(node.name, [node.value]);
        break;
      case 'choices': {
        const checked = [...node.querySelectorAll('input:checked')].map((i) => i.value);
        if (checked.length) put(node.dataset.name, checked);
        break;
      }
      case 'datetime': {
        const value = msFromInput(node);
        if (value && node.name) inputs[node.name] = value;
        break;
      }
    }
  }
  return inputs;
}
