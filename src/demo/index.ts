/**
 * The synthetic province (docs/generator.md): a demo source for the CLI's `bdhvs demo` and the
 * benchmark, and the tests' oracle. Not part of the core: the core does not import it and the
 * Apps Script bundle (build/Code.js) does not contain it; it is pure like the core (no Node or
 * Apps Script APIs) and reaches the core only through src/core/index.ts.
 *
 * The one way into the demo: src/cli and scripts import `../demo` (this file), never
 * `../demo/<file>` (eslint.config.mjs enforces it; tests may import the files they test).
 */
export { generateProvince, DEMO_TODAY, type GenerateOptions, type GeneratedProvince } from './generator';
