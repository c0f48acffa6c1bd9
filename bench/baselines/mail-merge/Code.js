// Bench baseline (a): the algorithm of Google's Apps Script mail-merge sample, written afresh: the
// template is read from the Gmail draft whose subject names it, then one read of the sheet, one
// GmailApp.sendEmail per row not yet sent, one write of the status column.

/** The bench passes { spreadsheetId, tab, steps: [{ subject, text }] }; only the first step is sent. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Apps Script calls it by name
function sendAll(e) {
  var template = templateFromDraft(e.steps[0].subject);
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
    GmailApp.sendEmail(
      row[0],
      fill(template.subject, header, row),
      fill(template.text, header, row),
      {
        htmlBody: fill(template.html, header, row),
        attachments: template.attachments,
        inlineImages: template.inlineImages,
      },
    );
    statuses.push(['Sent ' + new Date().toISOString()]);
  }
  // No state is kept between sends: if the run dies before this line, every status is lost.
  sheet.getRange(2, statusColumn + 1, statuses.length, 1).setValues(statuses);
}

/** The sample keeps its template in a Gmail draft: subject, both bodies, attachments, images. */
function templateFromDraft(subject) {
  var drafts = GmailApp.getDrafts();
  for (var i = 0; i < drafts.length; i++) {
    var message = drafts[i].getMessage();
    if (message.getSubject() !== subject) continue;
    return {
      subject: subject,
      text: message.getPlainBody(),
      html: message.getBody(),
      attachments: message.getAttachments({ includeInlineImages: false }),
      inlineImages: message.getAttachments({
        includeInlineImages: true,
        includeAttachments: false,
      }),
    };
  }
  throw new Error(
    'No Gmail draft has the subject "' + subject + '": write the template as a draft.',
  );
}

/** Replaces {{Column}} with the row's value in that column. */
function fill(template, header, row) {
  return template.replace(/\{\{([^}|]+)[^}]*\}\}/g, function (_, name) {
    var column = header.indexOf(name.trim());
    return column < 0 ? '' : String(row[column]);
  });
}
