// What a bounce's reason says where people read it (the Replies tab's Why column, the thread
// card): plain words and the server's status code, never the classifier's rule ids.
import { classifyCorpusFile, corpusFiles } from './corpus-check';

const bounces = corpusFiles().filter((file) => file.startsWith('bounce-'));

describe('bounce reasons in plain words', () => {
  it.each(bounces)('%s', (file) => {
    const { category, reason } = classifyCorpusFile(file);
    if (!category.startsWith('bounce')) return;
    expect(reason).toMatch(/^Not delivered/);
    expect(reason).not.toMatch(/bounce[._]|sender_side|dsn_report|ms_ndr|[a-z]_[a-z]/);
  });

  it('says what happened and quotes the status code', () => {
    expect(classifyCorpusFile('bounce-gmail-mailbox-full.eml').reason).toMatch(/mailbox is full/);
    const unknown = classifyCorpusFile('bounce-gmail-nosuchuser.eml').reason;
    expect(unknown).toMatch(
      /\(status 5\.1\.1\): the address does not exist or no longer accepts mail\.$/,
    );
  });
});
