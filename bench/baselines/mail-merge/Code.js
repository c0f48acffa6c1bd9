// Bench baseline (a): the algorithm of Google's Apps Script mail-merge sample, written afresh: one
// read of the sheet, one GmailApp.sendEmail per row not yet sent, one write of the status column.

/** The bench passes { spreadsheetId, tab, steps: [{ subject, text }] }; only the first step is sent. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Apps Script calls it by name
function sendAll(e) {
  var sheet = SpreadsheetApp.openById(e.spreadsheetId).getSheetByName(e.tab);
  var rows = sheet.getDataRange().getValues();
  var header = rows[0];
  var statusColumn = header.indexOf('Status');
  var statuses = [];
  for (var i = 1; i < rows.length; i++) {
    var row = rows[i];
    if (row[statusColumn]) {
      statuses.push([row[statusColumn]]);
      continue;
    }
    var step = e.steps[0];
    GmailApp.sendEmail(row[0], fill(step.subject, header, row), fill(step.text, header, row));
    statuses.push(['Sent ' + new Date().toISOString()]);
  }
  // No state is kept between sends: if the run dies before this line, every status is lost.
  sheet.getRange(2, statusColumn + 1, statuses.length, 1).setValues(statuses);
}

/** Replaces {{Column}} with the row's value in that column. */
function fill(template, header, row) {
  return template.replace(/\{\{([^}|]+)[^}]*\}\}/g, function (_, name) {
    var column = header.indexOf(name.trim());
    return column < 0 ? '' : String(row[column]);
  });
}
