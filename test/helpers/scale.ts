/**
 * Scale and performance cases (a million rows, 100,000-row files, a second 1,000-run reminder
 * simulation) are left out of `npm test`, which stays under ~90 s on 2 cores; `npm run test:scale`
 * runs them (BDHVS_SCALE=1). They print the figures the issues ask for.
 */
export const SCALE = process.env.BDHVS_SCALE === '1';
export const scaleTest: jest.It = SCALE ? test : test.skip;
export const scaleDescribe: jest.Describe = SCALE ? describe : describe.skip;
