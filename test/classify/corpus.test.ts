// Classifies every message of test/corpus and compares with test/corpus/expected.json.
import { Classification, CATEGORIES } from '../../src/core/classify';
import {
  classifyCorpusFile,
  corpusFiles,
  corpusMismatches,
  loadExpectations,
} from './corpus-check';

describe('the message corpus', () => {
  const expectations = loadExpectations();
  const results: Record<string, Classification> = {};
  for (const file of corpusFiles()) results[file] = classifyCorpusFile(file);

  it('has at least 60 messages and at least four of every category', () => {
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(60);
    for (const category of CATEGORIES) {
      const count = Object.values(expectations).filter(
        (e) => (typeof e === 'string' ? e : e.category) === category,
      ).length;
      expect({ category, enough: count >= 4 }).toEqual({ category, enough: true });
    }
  });

  it('classifies every message as expected.json says', () => {
    expect(corpusMismatches(expectations, results)).toEqual([]);
  });

  it.each(corpusFiles())('%s names the rule that decided and a reason', (file) => {
    expect(results[file].rule).toMatch(/^[a-z_]+\.[a-z_.]+$/);
    expect(results[file].reason.length).toBeGreaterThan(5);
  });

  it('reports a deliberately wrong expectation, a missing file and an unlisted file', () => {
    const [first, second] = corpusFiles();
    const wrong = { ...expectations, [first]: 'interested', 'ghost.eml': 'neutral' } as Record<
      string,
      string
    >;
    wrong[first] = results[first].category === 'interested' ? 'neutral' : 'interested';
    delete wrong[second];
    const problems = corpusMismatches(wrong, results);
    expect(problems).toEqual([
      `${second}: no expectation in expected.json`,
      expect.stringContaining(`${first}: expected ${wrong[first]}, got ${results[first].category}`),
      'ghost.eml: expected but not in the corpus',
    ]);
  });

  it('reports a wrong return date and a wrong sender-side flag', () => {
    const withDate = corpusFiles().find((file) => results[file].returnDate)!;
    const senderSide = corpusFiles().find((file) => results[file].senderSide)!;
    const problems = corpusMismatches(
      {
        [withDate]: { category: results[withDate].category, returnDate: '1999-01-01' },
        [senderSide]: { category: results[senderSide].category, senderSide: false },
      },
      { [withDate]: results[withDate], [senderSide]: results[senderSide] },
    );
    expect(problems).toEqual([
      `${withDate}: expected return date 1999-01-01, got ${results[withDate].returnDate}`,
      `${senderSide}: expected senderSide false, got true`,
    ]);
  });
});
