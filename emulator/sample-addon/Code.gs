// A small hand-written Workspace add-on that proves the emulator runs any Apps Script project:
// it counts each user's visits in their user properties and shows them on a card.

function visits_() {
  return Number(PropertiesService.getUserProperties().getProperty('visits') || 0);
}

function onHomepage(e) {
  var count = visits_() + 1;
  PropertiesService.getUserProperties().setProperty('visits', String(count));
  return buildHomeCard_(Session.getActiveUser().getEmail(), count, e.userTimezone.id);
}

function onSheetsHomepage(e) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet();
  return buildHomeCard_(
    Session.getActiveUser().getEmail(),
    visits_(),
    sheet ? sheet.getName() : e.hostApp,
  );
}

function onGmailMessage(e) {
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  var subject = GmailApp.getMessageById(e.gmail.messageId).getSubject();
  return [buildHomeCard_(Session.getActiveUser().getEmail(), visits_(), 'message: ' + subject)];
}

function onSave(e) {
  var note = e.commonEventObject.formInputs && e.commonEventObject.formInputs.note;
  PropertiesService.getUserProperties().setProperty('note', note ? note.stringInputs.value[0] : '');
  return CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText('Saved.'))
    .build();
}

function onReset() {
  PropertiesService.getUserProperties().deleteAllProperties();
  return CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards([buildHomeCard_(Session.getActiveUser().getEmail(), 0, 'reset')])
    .build();
}
