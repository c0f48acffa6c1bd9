// Bundles src/entry.ts into dist/Code.js for Apps Script and copies the manifest beside it.
//
// Apps Script only sees top-level `function` declarations, so the bundle is one IIFE assigned to
// `Baton`, and the footer writes one forwarding function per export of the entry module. Nothing
// else becomes a global.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';

const GLOBAL_NAME = 'Baton';

function cleanDistAndCopyManifest() {
  return {
    name: 'baton-dist',
    buildStart() {
      rmSync('dist', { recursive: true, force: true });
    },
    writeBundle() {
      mkdirSync('dist', { recursive: true });
      copyFileSync('appsscript.json', 'dist/appsscript.json');
    },
  };
}

function forwardingGlobals(chunk) {
  return chunk.exports
    .map((name) => `function ${name}(e) { return ${GLOBAL_NAME}.${name}(e); }`)
    .join('\n');
}

export default {
  input: 'src/entry.ts',
  output: {
    file: 'dist/Code.js',
    format: 'iife',
    name: GLOBAL_NAME,
    footer: forwardingGlobals,
    banner: '// Baton: built by rollup from src/. Do not edit: change the TypeScript and rebuild.',
  },
  plugins: [
    cleanDistAndCopyManifest(),
    typescript({ tsconfig: './tsconfig.json', noEmitOnError: true }),
  ],
  onwarn(warning, warn) {
    // A warning about the build is an error: nothing half-built is pushed.
    if (warning.code === 'PLUGIN_WARNING' || warning.code === 'CIRCULAR_DEPENDENCY') {
      throw new Error(warning.message);
    }
    warn(warning);
  },
};
