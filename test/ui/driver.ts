// Drives Baton as a person would, through its cards only: open the add-on, read the card, fill
// its fields, click a button by its label. The host's part is played as Google's would be: a
// click sends every input's current value, and the response's navigation moves the card stack.
import type {
  ExecutionKind,
  ExecutionResult,
  HostContext,
  Project,
  RunOptions,
  World,
} from '../../emulator';
import { runShown, textOf } from './world';

type Json = Record<string, unknown>;
interface Action {
  function: string;
  parameters?: { key: string; value: string }[];
}

/** Everything below `value` that matches `test`, depth first, in card order. */
function collect(value: unknown, test: (node: Json) => boolean, out: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((v) => collect(v, test, out));
  else if (value && typeof value === 'object') {
    if (test(value as Json)) out.push(value as Json);
    Object.values(value).forEach((v) => collect(v, test, out));
  }
  return out;
}

/** The values a host would send for the card's inputs as they stand (the user typed nothing yet). */
function currentInputs(card: unknown): Record<string, string[]> {
  const inputs: Record<string, string[]> = {};
  for (const node of collect(card, (n) => 'textInput' in n || 'selectionInput' in n)) {
    const text = node.textInput as { name: string; value?: string } | undefined;
    if (text) inputs[text.name] = text.value ? [text.value] : [];
    const choice = node.selectionInput as
      { name: string; items?: { value: string; selected?: boolean }[] } | undefined;
    if (choice)
      inputs[choice.name] = (choice.items ?? []).filter((i) => i.selected).map((i) => i.value);
  }
  return inputs;
}

export class CardDriver {
  /** The card stack, root first. */
  stack: Json[] = [];
  notification?: string;
  /** Every execution this driver ran, for timing and call counts. */
  readonly results: ExecutionResult[] = [];
  /** Every click: the button's label, the action it ran, and the execution. */
  readonly clicks: { label: string; action: string; result: ExecutionResult }[] = [];

  constructor(
    private readonly world: World,
    private readonly project: Project,
    readonly user: string,
    public host: HostContext,
  ) {}

  private run(fn: string, kind: ExecutionKind, extra: Partial<RunOptions> = {}) {
    const request = { project: this.project, as: this.user, fn, kind, host: this.host, ...extra };
    try {
      return runShown(this.world, request).json;
    } finally {
      this.results.push(this.world.executions[this.world.executions.length - 1]);
    }
  }

  /** Opens the add-on with a homepage or contextual trigger: its card(s) become the stack. */
  open(fn: string, kind: ExecutionKind = 'homepage'): this {
    const json = this.run(fn, kind);
    this.stack = (Array.isArray(json) ? json : [json]) as Json[];
    this.notification = undefined;
    return this;
  }

  card(): Json {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new Error('No card is open.');
    return top;
  }

  text(): string {
    return textOf(this.card());
  }

  /** Labels of the buttons the current card offers. */
  buttons(): string[] {
    return collect(this.card(), (n) => typeof n.text === 'string' && !!n.onClick).map(
      (b) => b.text as string,
    );
  }

  /** Clicks the button whose label matches, sending the card's inputs with `typed` over them. */
  click(label: string | RegExp, typed: Record<string, string | string[]> = {}): this {
    const matches = (text: unknown) =>
      typeof text === 'string' && (typeof label === 'string' ? text === label : label.test(text));
    const button = collect(this.card(), (n) => matches(n.text) && !!n.onClick)[0];
    if (!button)
      throw new Error(
        `No button "${label}" on the card "${String(this.card().name)}"; it has: ${this.buttons().join(', ')}`,
      );
    const action = (button.onClick as { action?: Action }).action;
    if (!action) throw new Error(`The button "${label}" opens a link, not an action.`);
    const parameters = Object.fromEntries((action.parameters ?? []).map((p) => [p.key, p.value]));
    const formInputs = { ...currentInputs(this.card()), ...typed };
    const json = this.run(action.function, 'action', { parameters, formInputs }) as {
      renderActions: { action: { navigations?: Json[]; notification?: { text: string } } };
    };
    this.clicks.push({
      label: String(button.text),
      action: parameters.action ?? action.function,
      result: this.results[this.results.length - 1],
    });
    this.notification = json.renderActions.action.notification?.text;
    for (const step of json.renderActions.action.navigations ?? []) this.navigate(step);
    return this;
  }

  private navigate(step: Json): void {
    if (step.pushCard) this.stack.push(step.pushCard as Json);
    else if (step.updateCard) this.stack[this.stack.length - 1] = step.updateCard as Json;
    else if (step.pop) this.stack.pop();
    else if (step.popToRoot) this.stack = this.stack.slice(0, 1);
    else if (step.popToCard) {
      const at = this.stack.map((c) => c.name).lastIndexOf(step.popToCard);
      if (at >= 0) this.stack = this.stack.slice(0, at + 1);
    }
  }

  /** The clicks whose action took `budgetMs` or more of simulated time, with their calls. */
  actionsOver(budgetMs: number): string[] {
    return this.clicks
      .filter((c) => c.result.simulatedMs >= budgetMs)
      .map(
        (c) =>
          `"${c.label}" (${c.action}): ${c.result.simulatedMs} ms, ${JSON.stringify(c.result.methods)}`,
      );
  }
}
