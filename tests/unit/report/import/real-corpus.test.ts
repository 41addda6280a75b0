/**
 * The real-report corpus (tests/fixtures/real): every published report is read, never refused,
 * and every cell its expected.json lists is right or flagged for a person: never a wrong figure
 * presented as certain, never a wrong year or template (an unknown one is asked for instead), and
 * never a wrong agency: the one expected.json types (the page may print it shorter:
 * src/report/agency-name.ts), or none and the agency asked for.
 * `npm run bench:import` prints the same comparison as figures.
 */
import { describe, expect, it } from 'vitest';
import { agencyNameDoubt } from '../../../../src/report/agency-name.ts';
import { agencyPrinted, fixtureFiles, fixtureIds, namePrinted, scoreFile } from '../../../support/real-corpus.ts';

const cases = fixtureIds().flatMap((id) => fixtureFiles(id).map((file) => [id, file] as const));

describe('real corpus (tests/fixtures/real)', () => {
  it('has the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  // A scan is read by text recognition: tens of seconds a page on a loaded machine.
  it.each(cases)('%s/%s: read, no wrong certain cell, every wrong figure named, year, template and agency right or asked for', { timeout: 600_000 }, async (id, file) => {
    const score = await scoreFile(id, file);
    expect(score.refused).toBeUndefined();
    expect(score.wrong).toEqual([]);
    // A wrong figure is named at its cell (uncertain, its row or table missing), not only through
    // a value left unplaced somewhere in its table: a figure one row off keeps its row's sums.
    expect(score.tableOnly).toEqual([]);
    if (score.year.actual !== undefined) expect(score.year.actual).toBe(score.year.expected);
    if (!score.needs.includes('template')) expect(score.template.actual).toBe(score.template.expected);
    const { agency } = score;
    if (agency.expected !== null && !agencyPrinted(id, agency.expected)) {
      // The page never prints the agency's name (misspelt throughout, or only its publisher's
      // row names it): what the import states must at least be printed there and name one agency
      // in full, never made up, relative or short; bench:import still counts it as wrong.
      if (agency.actual !== undefined) expect({ printed: namePrinted(id, agency.actual), doubt: agencyNameDoubt(agency.actual) }).toEqual({ printed: true, doubt: undefined });
    } else expect(agency.verdict === 'wrong' ? agency : 'right or asked').toBe('right or asked');
  });
});
