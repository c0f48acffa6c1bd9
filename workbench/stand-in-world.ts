// TEMPORARY in-memory stand-in for the emulator's World, used only until emulator/index.ts lands;
// world-adapter.ts switches to the real World and this file is deleted.
import type {
  AddonCall,
  AddonResult,
  ExecutionView,
  MessageView,
  OutgoingMail,
  Person,
  SheetTab,
  SpreadsheetView,
  WorkbenchWorld,
} from './world-adapter';

export function createWorld(start: number): WorkbenchWorld {
  let clock = start;
  const people: Person[] = [];
  const messages: (MessageView & { owner: string })[] = [];
  const sheets: SpreadsheetView[] = [];
  const runs: ExecutionView[] = [];
  let nextId = 1;
  const demoCard = (title: string) => ({
    header: { title: 'Baton', subtitle: title },
    sections: [
      {
        header: 'Stand-in',
        widgets: [
          { textParagraph: { text: `<b>Stand-in</b> card at ${new Date(clock).toISOString()}` } },
          { decoratedText: { topLabel: 'Signed in as', text: title } },
          { textInput: { name: 'subject', label: 'Subject', value: 'Hello {{First name}}' } },
          {
            selectionInput: {
              name: 'tz',
              label: 'Time zone',
              type: 'DROPDOWN',
              items: [
                { text: 'UTC', value: 'Etc/UTC', selected: true },
                { text: 'Paris', value: 'Europe/Paris', selected: false },
              ],
            },
          },
          {
            buttonList: {
              buttons: [
                {
                  text: 'Push',
                  onClick: {
                    action: {
                      function: 'onCardAction',
                      parameters: [{ key: 'action', value: 'x' }],
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return {
    now: () => clock,
    people: () => people,
    addPerson: (p) => void people.push({ email: p.email, name: p.name, role: p.role }),
    labels: (address) => [
      {
        id: 'INBOX',
        name: 'Inbox',
        system: true,
        unread: 0,
        total: messages.filter((m) => m.owner === address).length,
      },
      { id: 'SENT', name: 'Sent', system: true, unread: 0, total: 0 },
    ],
    threads: (address) =>
      messages
        .filter((m) => m.owner === address)
        .map((m) => ({
          id: m.threadId,
          subject: m.subject,
          from: m.from,
          snippet: m.body.slice(0, 80),
          date: m.date,
          unread: false,
          count: 1,
          labels: m.labels,
        })),
    thread: (address, threadId) =>
      messages.filter((m) => m.owner === address && m.threadId === threadId),
    send(mail: OutgoingMail) {
      const id = `m${nextId++}`;
      const view = {
        id,
        threadId: id,
        from: mail.from,
        to: mail.to,
        cc: '',
        subject: mail.subject,
        date: clock,
        body: mail.text,
        labels: ['INBOX'],
      };
      messages.push({ ...view, owner: mail.to });
      return view;
    },
    spreadsheets: () => sheets,
    createSpreadsheet(owner: string, name: string, tabs: SheetTab[]) {
      const id = `sheet${nextId++}`;
      sheets.push({ id, name, owner, editors: [], tabs });
      return id;
    },
    setCell(id, tab, row, col, value) {
      const values = sheets.find((s) => s.id === id)?.tabs.find((t) => t.name === tab)?.values;
      if (!values) throw new Error(`No tab ${tab} in ${id}`);
      while (values.length <= row) values.push([]);
      values[row][col] = value;
    },
    runAddon(call: AddonCall): AddonResult {
      runs.push({
        id: runs.length + 1,
        user: call.user,
        fn: call.fn ?? call.kind,
        kind: call.kind,
        startedAt: clock,
        simulatedMs: 120,
        calls: { Session: 1 },
      });
      if (call.kind === 'action')
        return {
          json: {
            renderActions: {
              action: {
                navigations: [{ pushCard: demoCard(JSON.stringify(call.formInputs)) }],
                notification: { text: 'Pushed' },
              },
            },
          },
        };
      return { json: demoCard(call.user) };
    },
    universalActions: () => [{ label: 'Home', runFunction: 'onUniversalHome' }],
    nextTriggerAt: () => undefined,
    advance: (ms) => void (clock += ms),
    executions: () => runs,
    usage: (user) => ({
      user,
      quotas: [{ name: 'emailRecipients', used: 0, limit: 1500 }],
      store: { bytes: 0, limit: 512000, keys: 0 },
      triggers: 0,
    }),
  };
}
