// The sample add-on's one card: who is signed in, how many visits, and a note to save.

// Apps Script shares one global scope between files: Code.gs calls this.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function buildHomeCard_(email, count, where) {
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle('Visit counter').setSubtitle(where))
    .addSection(
      CardService.newCardSection()
        .addWidget(CardService.newDecoratedText().setTopLabel('Signed in as').setText(email))
        .addWidget(CardService.newTextParagraph().setText('Visits: ' + count))
        .addWidget(CardService.newTextInput().setFieldName('note').setTitle('Note'))
        .addWidget(
          CardService.newTextButton()
            .setText('Save')
            .setOnClickAction(CardService.newAction().setFunctionName('onSave')),
        ),
    )
    .build();
}
