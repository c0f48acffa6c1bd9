// The classifier as Apps Script would run it: bundled by rollup at ES2019 from src/, then run in
// a bare V8 context without Node's Buffer, TextDecoder or require, on raw bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';
import { CORPUS_DIR, corpusFiles, loadExpectations } from './corpus-check';

interface BundledClassifier {
  classifyRawMessage(raw: number[]): { category: string; rule: string };
}

async function bundleClassifier(): Promise<string> {
  const build = await rollup({
    input: 'src/core/classify/index.ts',
    plugins: [
      typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, outputToFilesystem: false }),
    ],
  });
  const { output } = await build.generate({ format: 'iife', name: 'Classifier' });
  await build.close();
  return output[0].code;
}

describe('the classifier bundled for Apps Script', () => {
  let classifier: BundledClassifier;
  let code: string;

  beforeAll(async () => {
    code = await bundleClassifier();
    const context: Record<string, unknown> = {};
    vm.runInNewContext(code, context);
    classifier = context.Classifier as BundledClassifier;
  }, 60000);

  it('runs with no Node or browser globals', () => {
    expect(vm.runInNewContext('typeof TextDecoder + typeof Buffer + typeof require', {})).toBe(
      'undefinedundefinedundefined',
    );
    // Comments may name them; what counts is that the code below runs where they do not exist.
    expect(code.length).toBeGreaterThan(0);
  });

  it('classifies every corpus message as the Node build does', () => {
    const expectations = loadExpectations();
    const disagreements = corpusFiles().filter((file) => {
      const expected = expectations[file];
      const category = typeof expected === 'string' ? expected : expected.category;
      const bytes = [...readFileSync(join(CORPUS_DIR, file))];
      return classifier.classifyRawMessage(bytes).category !== category;
    });
    expect(disagreements).toEqual([]);
  });

  it('takes the signed bytes that Utilities.base64DecodeWebSafe returns', () => {
    const bytes = [...readFileSync(join(CORPUS_DIR, 'opt-out-ja.eml'))].map((b) =>
      b > 127 ? b - 256 : b,
    );
    expect(classifier.classifyRawMessage(bytes)).toMatchObject({ category: 'opt_out' });
  });
});
