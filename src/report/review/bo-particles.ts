/**
 * Mechanical checks of Tibetan text, ported from the reviewer's script
 * (../shared/i18n/review/bo_particles.py, see term-review.md §2): each standalone case particle
 * must take the allomorph the final letter of the syllable before it calls for (genitive ཀྱི/གྱི/
 * གི/ཡི, agentive, la-don, concessive, indefinite, quotative, conjunctive), and the punctuation
 * follows locales/README.md. Run by the locale tests over bo.json and the seed, and by the review
 * page over a reviewer's edit. Plain data in, codes out: the UI words them.
 */

const TSHEG = '\u0F0B';
const SHAD = '\u0F0D';
// Tibetan letters are single code points: Array.from splits them exactly.
const SUFFIXES = new Set(Array.from('གངདནབམའརལས'));
const VOWEL_SIGNS = new Set(['\u0F71', '\u0F72', '\u0F74', '\u0F7A', '\u0F7B', '\u0F7C', '\u0F7D', '\u0F80']);

/** The final of a syllable: a suffix letter, `V` (no suffix), or null when it is not Tibetan. */
export type Final = string;

const isLetter = (c: string): boolean => c >= '\u0F40' && c <= '\u0F6C';
const isSubjoined = (c: string): boolean => c >= '\u0F90' && c <= '\u0FBC';

export function finalOf(syllable: string): Final | null {
  const s = syllable.trim();
  const chars = Array.from(s);
  if (!chars.some((c) => isLetter(c) || isSubjoined(c))) return null;
  const last = chars.at(-1) ?? '';
  if (VOWEL_SIGNS.has(last) || isSubjoined(last)) return 'V';
  // One base letter (with or without subjoined ones) has no suffix.
  if (chars.filter(isLetter).length === 1) return 'V';
  return SUFFIXES.has(last) ? last : 'V';
}

type Table = Record<string, string>;
/** Each particle form and the finals it follows (`V`: no suffix). */
const GROUPS: Record<string, Table> = {
  genitive: { ཀྱི: 'དབས', གྱི: 'ནམརལ', གི: 'གང', ཡི: 'Vའ' },
  agentive: { ཀྱིས: 'དབས', གྱིས: 'ནམརལ', གིས: 'གང', ཡིས: 'Vའ' },
  'la-don': { ཏུ: 'གབ', དུ: 'ངདནམརལ', སུ: 'ས', རུ: 'Vའ' },
  concessive: { ཀྱང: 'གདབས', ཡང: 'ངནམརལVའ', འང: 'Vའ' },
  indefinite: { ཅིག: 'གདབ', ཞིག: 'ངནམའརལV', ཤིག: 'ས' },
  quotative: { ཅེས: 'གདབ', ཞེས: 'ངནམའརལV', ཤེས: 'ས' },
  conjunctive: { ཅིང: 'གདབ', ཞིང: 'ངནམའརལV', ཤིང: 'ས' },
};
const FORMS = new Map<string, { group: string; table: Table }>(
  Object.entries(GROUPS).flatMap(([group, table]) => Object.keys(table).map((form) => [form, { group, table }] as const)),
);

/** Lexical homographs: a particle-looking syllable followed (or preceded) by these is a word. */
const SKIP_NEXT: Record<string, readonly string[]> = {
  ཡི: ['གེ', 'གེའི', 'གེར', 'གེས'],
  ཡང: ['བསྐྱར', 'ཡང', 'དག', 'ན', 'སྲིད', 'དགའ'],
  དུ: ['མ', 'བ'],
  སུ: ['ཡིན', 'རུང', 'ཞིག', 'ཡང'],
  རུ: ['ཁག', 'སྣེ'],
  ཞིང: ['ཁ', 'པ', 'ལས', 'འབྲོག', 'སྡེ', 'ཆེན', 'ས'],
  ཤིང: ['ཏོག', 'སྡོང', 'ནགས', 'འཛུགས'],
  ཤེས: ['བྱ', 'རབ', 'ཡོན', 'རྟོགས', 'ཀྱི', 'པ', 'ཐུབ', 'ཚོར', 'རིག', 'ལྡན'],
};
const SKIP_PREV: Record<string, readonly string[]> = {
  ཀྱང: ['འོན'],
  ཞིང: ['ཆེན', 'ཞིང'],
  ཤེས: ['ཡེ', 'འདུ', 'རྗེས', 'ཀུན'],
  ཡང: ['ཡང'],
  ཤིང: ['རྩི', 'ལྗོན', 'ཤུག'],
};

/** A particle that does not agree with the syllable before it. */
export interface ParticleHit {
  group: string;
  /** The syllable and the particle, e.g. གཞུང་ཡི. */
  pair: string;
  final: Final;
  /** The forms that would agree. */
  expected: string[];
}

/** A particle right after a placeholder or a bracket: which form is right depends on what fills it. */
export interface ReadingDependent {
  before: string;
  particle: string;
}

const TOKEN = /[\u0F40-\u0FBC]+|\{[^}]*\}|[0-9]+|[A-Za-z]+|[^\u0F40-\u0FBC0-9A-Za-z{}]/gu;
const SYLLABLE = /^[\u0F40-\u0FBC]+$/u;

/** Agreement of every standalone particle with the syllable before it. */
export function checkParticles(text: string): { hits: ParticleHit[]; readingDependent: ReadingDependent[] } {
  const tokens = text.match(TOKEN) ?? [];
  const hits: ParticleHit[] = [];
  const readingDependent: ReadingDependent[] = [];
  let prev: string | null = null;
  let separator = '';
  tokens.forEach((token, i) => {
    if (token === TSHEG) {
      separator = token;
      return;
    }
    if (SYLLABLE.test(token)) {
      const form = FORMS.get(token);
      if (form !== undefined && prev !== null) {
        const next = tokens.slice(i + 1).find((t) => t !== TSHEG);
        const skipped = (next !== undefined && SKIP_NEXT[token]?.includes(next) === true) || SKIP_PREV[token]?.includes(prev) === true;
        if (!skipped && SYLLABLE.test(prev) && separator === TSHEG) {
          const final = finalOf(prev);
          if (final !== null && form.table[token]?.includes(final) !== true) {
            const expected = Object.entries(form.table).flatMap(([f, finals]) => (finals.includes(final) ? [f] : []));
            hits.push({ group: form.group, pair: `${prev}${TSHEG}${token}`, final, expected });
          }
        } else if (!skipped && !SYLLABLE.test(prev)) {
          readingDependent.push({ before: prev, particle: token });
        }
      }
      prev = token;
      separator = '';
    } else if (token.trim() === '') {
      separator = ' ';
    } else {
      prev = token;
      separator = '';
    }
  });
  return { hits, readingDependent };
}

/** Conventions of locales/README.md a message breaks, as codes. */
export type PunctuationCode =
  | 'han'
  | 'fullwidth_punctuation'
  | 'ascii_punctuation_after_tibetan'
  | 'shad_after_nga_without_tsheg'
  | 'shad_after_ga'
  | 'tsheg_before_shad'
  | 'double_tsheg'
  | 'space_before_shad'
  | 'double_space'
  | 'outer_space'
  | 'not_nfc'
  | 'private_use'
  | 'tibetan_digits';

/** The punctuation and script conventions a text breaks (distinct codes, in a fixed order). */
export function checkPunctuation(text: string): PunctuationCode[] {
  const found: PunctuationCode[] = [];
  const flag = (code: PunctuationCode, when: boolean): void => {
    if (when) found.push(code);
  };
  flag('han', /[\u4E00-\u9FFF]/u.test(text));
  flag('fullwidth_punctuation', /[，。：；！？（）、]/u.test(text));
  flag('ascii_punctuation_after_tibetan', /[\u0F40-\u0FBC][:;,!?]/u.test(text));
  flag('shad_after_nga_without_tsheg', text.includes(`ང${SHAD}`));
  const gaShad = [...text.matchAll(/([\u0F40-\u0FBC]+)\u0F0D/gu)].some((m) => finalOf(m[1] ?? '') === 'ག');
  flag('shad_after_ga', gaShad);
  flag('tsheg_before_shad', text.includes(`${TSHEG}${SHAD}`) && !text.includes(`ང${TSHEG}${SHAD}`));
  flag('double_tsheg', text.includes(`${TSHEG}${TSHEG}`));
  flag('space_before_shad', text.includes(` ${SHAD}`));
  flag('double_space', text.includes('  '));
  flag('outer_space', text !== text.trim());
  flag('not_nfc', text.normalize('NFC') !== text);
  flag('private_use', /[\uE000-\uF8FF\u{F0000}-\u{10FFFF}]/u.test(text));
  flag('tibetan_digits', /[\u0F20-\u0F29]/u.test(text));
  return found;
}

/** Everything the checker says about one text: what a reviewer's edit is checked with. */
export interface TibetanCheck {
  particles: ParticleHit[];
  readingDependent: ReadingDependent[];
  punctuation: PunctuationCode[];
}

export function checkTibetan(text: string): TibetanCheck {
  const { hits, readingDependent } = checkParticles(text);
  return { particles: hits, readingDependent, punctuation: checkPunctuation(text) };
}
