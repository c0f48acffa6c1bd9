// Bench baseline (b): a naive multi-step sequencer, as a first attempt would be written: it reads
// and writes one cell at a time, saves each candidate's state in its own user property after every
// send, and checks every candidate's thread for a reply on every run.

var DAY_MS = 24 * 60 * 60 * 1000;

/** The bench passes { spreadsheetId, tab, steps: [{ subject, text, delayDays }] }. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Apps Script calls it by name
function tick(e) {
  var props = PropertiesService.getUserProperties();
  var sheet = SpreadsheetApp.openById(e.spreadsheetId).getSheetByName(e.tab);
  var last = sheet.getLastRow();
  for (var r = 2; r <= last; r++) {
    var email = sheet.getRange(r, 1).getValue();
    var firstName = sheet.getRange(r, 2).getValue();
    var key = 'seq.' + email;
    var state = JSON.parse(props.getProperty(key) || '{"step":0}');
    if (state.done) continue;
    if (state.threadId && GmailApp.getThreadById(state.threadId).getMessageCount() > state.step) {
      state.done = true;
      props.setProperty(key, JSON.stringify(state));
      sheet.getRange(r, 3).setValue('Replied');
      continue;
    }
    if (state.step >= e.steps.length) continue;
    var step = e.steps[state.step];
    if (state.step > 0 && Date.now() - state.at < step.delayDays * DAY_MS) continue;
    var body = step.text.replace(/\{\{First name[^}]*\}\}/g, firstName);
    if (state.threadId) {
      GmailApp.getThreadById(state.threadId).reply(body);
    } else {
      var subject = step.subject.replace(/\{\{First name[^}]*\}\}/g, firstName);
      state.threadId = GmailApp.createDraft(email, subject, body).send().getThread().getId();
    }
    state.step += 1;
    state.at = Date.now();
    props.setProperty(key, JSON.stringify(state));
    sheet.getRange(r, 3).setValue('Sent step ' + state.step);
  }
}
