// Lint rules, including the ones that keep the architecture honest: Apps Script globals only in
// the adapters (and CardService in the card builders), and a core that imports nothing outward.
import tseslint from 'typescript-eslint';

const APPS_SCRIPT_GLOBALS = [
  'GmailApp',
  'Gmail',
  'MailApp',
  'SpreadsheetApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'Session',
  'Utilities',
  'CardService',
  'Logger',
  'DriveApp',
  'UrlFetchApp',
  'HtmlService',
  'ContentService',
];
const noAppsScript = (except = []) =>
  APPS_SCRIPT_GLOBALS.filter((name) => !except.includes(name)).map((name) => ({
    name,
    message: `${name} is an Apps Script service: reach it through a port in src/ports and an adapter in src/adapters/gas.`,
  }));
const outward = (...layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}`, `**/${layer}/**`],
    message: `This layer must not import ${layer}.`,
  }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      '.workbench/**',
      'test/corpus/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/adapters/gas/**', 'src/ui/**'],
    rules: { 'no-restricted-globals': ['error', ...noAppsScript()] },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...noAppsScript(['CardService'])] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: outward('app', 'adapters', 'ui', 'ports', 'entry') },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'core is deterministic: take the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core is deterministic: take the time as an argument.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'core is deterministic: take randomness as an argument.',
        },
      ],
    },
  },
  {
    files: ['src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outward('app', 'adapters', 'ui', 'entry') }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outward('adapters', 'ui', 'entry') }] },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outward('adapters', 'entry') }] },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outward('src') }] },
  },
);
